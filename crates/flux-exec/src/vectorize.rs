//! Vectorized `map`: a function `(r) => ({r with a: r.x * 2.0, ...})` computed a column at a
//! time on the arrow arrays with arrow's kernels, instead of a record per row. Which
//! functions qualify is the optimizer rule upstream calls `vectorizeMapRule`: one parameter
//! `r`, a body that is a record literal (optionally `r with`), and fields built from `r`'s
//! members, literals, `true`/`false`, arithmetic and comparison operators, `and`/`or`, `not`,
//! `-`, `exists`, `if`/`then`/`else` and `float(v:)`.
//!
//! A table the kernels cannot take (a field that would hold only untyped nulls, operands of
//! two types) is mapped row by row instead; the results are the same.

use std::sync::Arc;

use arrow_array::builder::{Float64Builder, StringBuilder};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Datum, Float64Array, Int64Array, Scalar, StringArray, UInt64Array, new_null_array,
};
use arrow_schema::{DataType, TimeUnit};
use flux_semantic::ir::{Body, ExprId, ExprKind, FunctionBody, Literal, LocalId, Resolution, Stmt};
use flux_syntax::ast::{LogicalOperator, Operator};

use crate::eval::{binary, unary};
use crate::table::{ColType, Column, ColumnBuilder, Table};
use crate::value::{Function, Value};

/// A `map` function that can run a column at a time.
pub struct VectorFn {
    body: Arc<Body>,
    param: LocalId,
    /// Whether the record starts from `r` (`{r with ...}`).
    with: bool,
    fields: Vec<(String, ExprId)>,
}

/// The function as a column-at-a-time computation, when it qualifies.
pub fn vectorize(function: &Function) -> Option<VectorFn> {
    let body = &function.body;
    let (param, result) = one_expression(function)?;
    if param.name != "r" {
        return None;
    }
    let ExprKind::Record { with, fields } = &body.expr(result).kind else { return None };
    let with = match with {
        None => false,
        Some(base) if matches!(body.expr(*base).kind, ExprKind::Name(Resolution::Local(l)) if l == param.local) => true,
        Some(_) => return None,
    };
    let vector = VectorFn {
        body: body.clone(),
        param: param.local,
        with,
        fields: fields.iter().map(|f| (f.label.to_string(), f.value)).collect(),
    };
    vector.fields.iter().all(|(_, e)| vector.qualifies(*e)).then_some(vector)
}

/// A function of one parameter without a default whose body is one expression (or a block
/// that only returns one): the parameter and the expression.
pub fn one_expression(function: &Function) -> Option<(&flux_semantic::ir::Parameter, ExprId)> {
    let ExprKind::Function(literal) = &function.body.expr(function.expr).kind else { return None };
    let [param] = literal.params.as_slice() else { return None };
    if param.default.is_some() {
        return None;
    }
    let result = match &literal.body {
        FunctionBody::Expr(e) => *e,
        FunctionBody::Block(statements) => match statements.as_slice() {
            [Stmt::Return(e)] => *e,
            _ => return None,
        },
    };
    Some((param, result))
}

/// The table type the analysis gave field `label` of the record a `map` function returns,
/// when it is one a column can have.
pub fn field_type(function: &Function, label: &str) -> Option<ColType> {
    use flux_types::{Basic, Ty};
    let body = &function.body;
    let ExprKind::Function(literal) = &body.expr(function.expr).kind else { return None };
    let result = match &literal.body {
        FunctionBody::Expr(e) => *e,
        FunctionBody::Block(statements) => match statements.last()? {
            Stmt::Return(e) => *e,
            _ => return None,
        },
    };
    let ExprKind::Record { fields, .. } = &body.expr(result).kind else { return None };
    let field = fields.iter().find(|f| f.label == label)?;
    Some(match body.types.ty(body.expr_type(field.value)) {
        Ty::Basic(Basic::Int) => ColType::Int,
        Ty::Basic(Basic::Uint) => ColType::UInt,
        Ty::Basic(Basic::Float) => ColType::Float,
        Ty::Basic(Basic::String) => ColType::String,
        Ty::Basic(Basic::Bool) => ColType::Bool,
        Ty::Basic(Basic::Time) => ColType::Time,
        _ => return None,
    })
}

/// A computed column, or one value for every row.
enum Col {
    Array(ArrayRef),
    Scalar(Value),
}

/// Why a table is mapped row by row after all, or the error a row would have given.
enum Stop {
    RowByRow,
    Error(String),
}

impl From<arrow_schema::ArrowError> for Stop {
    fn from(e: arrow_schema::ArrowError) -> Stop {
        match e {
            arrow_schema::ArrowError::DivideByZero => Stop::Error("cannot divide by zero".to_owned()),
            _ => Stop::RowByRow,
        }
    }
}

impl VectorFn {
    fn qualifies(&self, id: ExprId) -> bool {
        let body = &self.body;
        match &body.expr(id).kind {
            ExprKind::Literal(Literal::Int(_) | Literal::Float(_) | Literal::String(_) | Literal::Time(_)) => true,
            ExprKind::Name(Resolution::Stdlib { package: "internal/boolean", .. }) => true,
            ExprKind::Member { object, .. } => {
                matches!(body.expr(*object).kind, ExprKind::Name(Resolution::Local(l)) if l == self.param)
            }
            ExprKind::Unary { operator, argument } => {
                matches!(operator, Operator::Not | Operator::Subtraction | Operator::Addition | Operator::Exists)
                    && self.qualifies(*argument)
            }
            ExprKind::Binary { operator, left, right } => {
                use Operator::*;
                matches!(
                    operator,
                    Addition
                        | Subtraction
                        | Multiplication
                        | Division
                        | Modulo
                        | Power
                        | Equal
                        | NotEqual
                        | LessThan
                        | LessThanEqual
                        | GreaterThan
                        | GreaterThanEqual
                ) && self.qualifies(*left)
                    && self.qualifies(*right)
            }
            ExprKind::Logical { left, right, .. } => self.qualifies(*left) && self.qualifies(*right),
            ExprKind::Conditional { test, consequent, alternate } => {
                self.qualifies(*test) && self.qualifies(*consequent) && self.qualifies(*alternate)
            }
            ExprKind::Call(call) => {
                matches!(&body.expr(call.callee).kind, ExprKind::Name(Resolution::Stdlib { package: "universe", name }) if name == "float")
                    && call.pipe.is_none()
                    && matches!(call.arguments.as_slice(), [a] if a.name == "v" && self.qualifies(a.value))
            }
            _ => false,
        }
    }

    /// The mapped table, `Ok(None)` when this table must be mapped row by row.
    pub fn apply(&self, table: &Table) -> Result<Option<Table>, String> {
        let rows = table.len();
        let mut columns: Vec<Column> = Vec::new();
        let mut data: Vec<ArrayRef> = Vec::new();
        if self.with {
            columns.extend(table.columns.iter().cloned());
            data.extend(table.data.iter().cloned());
        }
        for (label, id) in &self.fields {
            let array = match self.eval(table, *id) {
                Ok(Col::Array(array)) => array,
                // A field of one value is that value repeated, unless it is an untyped null.
                Ok(Col::Scalar(Value::Null)) => return Ok(None),
                Ok(Col::Scalar(value)) => match repeat(&value, rows) {
                    Some(array) => array,
                    None => return Ok(None),
                },
                Err(Stop::RowByRow) => return Ok(None),
                Err(Stop::Error(message)) => return Err(message),
            };
            let Some(ty) = col_type(array.data_type()) else { return Ok(None) };
            let column = Column::new(label.clone(), ty);
            match columns.iter().position(|c| c.label == *label) {
                Some(i) => {
                    columns[i] = column;
                    data[i] = array;
                }
                None => {
                    columns.push(column);
                    data.push(array);
                }
            }
        }
        let mut key = table.key.clone();
        let mut keep = Vec::new();
        for (i, column) in key.columns.iter().enumerate() {
            if let Some(at) = columns.iter().position(|c| c.label == column.label) {
                keep.push((i, at));
            }
        }
        let assigned_key = self.fields.iter().any(|(label, _)| table.key.value(label).is_some());
        key.columns = keep.iter().map(|&(_, at)| columns[at].clone()).collect();
        key.values = keep.iter().map(|&(i, _)| table.key.values[i].clone()).collect();
        if assigned_key {
            // A key column the function wrote takes its value from the rows; rows whose
            // values differ are regrouped row by row.
            let out = Table { key: key.clone(), columns, data };
            for (k, column) in key.columns.iter().enumerate() {
                let at = out.column_index(&column.label).expect("a key column");
                let first = out.cell(0, at);
                if (1..rows).any(|row| !same(&out.cell(row, at), &first)) {
                    return Ok(None);
                }
                key.values[k] = first;
            }
            return Ok(Some(Table { key, columns: out.columns, data: out.data }));
        }
        Ok(Some(Table { key, columns, data }))
    }

    fn eval(&self, table: &Table, id: ExprId) -> Result<Col, Stop> {
        let body = &self.body;
        let rows = table.len();
        Ok(match &body.expr(id).kind {
            ExprKind::Literal(literal) => Col::Scalar(match literal {
                Literal::Int(i) => Value::Int(*i),
                Literal::Float(bits) => Value::Float(f64::from_bits(*bits)),
                Literal::String(s) => Value::string(s),
                Literal::Time(t) => Value::Time(crate::time::nanos_of(t).ok_or(Stop::RowByRow)?),
                _ => return Err(Stop::RowByRow),
            }),
            ExprKind::Name(Resolution::Stdlib { name, .. }) => Col::Scalar(Value::Bool(name == "true")),
            ExprKind::Member { property, .. } => match table.column_index(property) {
                Some(i) => Col::Array(table.data[i].clone()),
                None => Col::Scalar(Value::Null),
            },
            ExprKind::Unary { operator, argument } => match self.eval(table, *argument)? {
                Col::Scalar(v) => Col::Scalar(unary(*operator, v).map_err(Stop::Error)?),
                Col::Array(a) => Col::Array(match operator {
                    Operator::Exists => Arc::new(arrow_arith::boolean::is_not_null(&a)?),
                    Operator::Not => Arc::new(arrow_arith::boolean::not(as_bool(&a)?)?),
                    Operator::Subtraction if a.data_type() != &DataType::UInt64 => {
                        arrow_arith::numeric::neg_wrapping(&a)?
                    }
                    Operator::Addition if is_numeric(a.data_type()) => a,
                    _ => return Err(Stop::RowByRow),
                }),
            },
            ExprKind::Binary { operator, left, right } => {
                let (l, r) = (self.eval(table, *left)?, self.eval(table, *right)?);
                match (l, r) {
                    (Col::Scalar(a), Col::Scalar(b)) => Col::Scalar(binary(*operator, a, b).map_err(Stop::Error)?),
                    (l, r) => Col::Array(binary_columns(*operator, l, r, rows)?),
                }
            }
            ExprKind::Logical { operator, left, right } => {
                let (l, r) = (self.eval(table, *left)?, self.eval(table, *right)?);
                let (l, r) = (bool_array(l, rows)?, bool_array(r, rows)?);
                Col::Array(Arc::new(match operator {
                    LogicalOperator::And => arrow_arith::boolean::and_kleene(&l, &r)?,
                    LogicalOperator::Or => arrow_arith::boolean::or_kleene(&l, &r)?,
                }))
            }
            ExprKind::Conditional { test, consequent, alternate } => {
                let test = bool_array(self.eval(table, *test)?, rows)?;
                let (yes, no) = (self.eval(table, *consequent)?, self.eval(table, *alternate)?);
                let (yes, no) = same_type_arrays(yes, no, rows)?;
                // A null test takes the `else` branch, as `zip` reads a null mask as false.
                Col::Array(arrow_select::zip::zip(&test, &yes, &no)?)
            }
            ExprKind::Call(call) => match self.eval(table, call.arguments[0].value)? {
                Col::Scalar(v) => Col::Scalar(to_float_scalar(v).ok_or(Stop::RowByRow)?),
                Col::Array(a) => Col::Array(to_float_array(&a)?),
            },
            _ => return Err(Stop::RowByRow),
        })
    }
}

/// Null equal to null: how key values compare.
fn same(a: &Value, b: &Value) -> bool {
    matches!((a, b), (Value::Null, Value::Null)) || a == b
}

fn is_numeric(ty: &DataType) -> bool {
    matches!(ty, DataType::Int64 | DataType::UInt64 | DataType::Float64)
}

fn col_type(ty: &DataType) -> Option<ColType> {
    Some(match ty {
        DataType::Boolean => ColType::Bool,
        DataType::Int64 => ColType::Int,
        DataType::UInt64 => ColType::UInt,
        DataType::Float64 => ColType::Float,
        DataType::Utf8 => ColType::String,
        DataType::Timestamp(TimeUnit::Nanosecond, None) => ColType::Time,
        _ => return None,
    })
}

fn as_bool(a: &ArrayRef) -> Result<&BooleanArray, Stop> {
    a.as_any().downcast_ref::<BooleanArray>().ok_or(Stop::RowByRow)
}

/// `value` in every one of `rows` rows.
fn repeat(value: &Value, rows: usize) -> Option<ArrayRef> {
    let mut builder = ColumnBuilder::new(ColType::of(value)?);
    for _ in 0..rows {
        builder.append(value).ok()?;
    }
    Some(builder.finish())
}

fn bool_array(col: Col, rows: usize) -> Result<BooleanArray, Stop> {
    match col {
        Col::Array(a) => Ok(as_bool(&a)?.clone()),
        Col::Scalar(Value::Bool(b)) => Ok(BooleanArray::from(vec![b; rows])),
        Col::Scalar(Value::Null) => Ok(BooleanArray::from(vec![None; rows])),
        Col::Scalar(_) => Err(Stop::RowByRow),
    }
}

/// Both sides as arrays of one type; a null scalar takes the other side's type.
fn same_type_arrays(a: Col, b: Col, rows: usize) -> Result<(ArrayRef, ArrayRef), Stop> {
    let array = |col: Col, other: Option<&DataType>| -> Result<ArrayRef, Stop> {
        match col {
            Col::Array(a) => Ok(a),
            Col::Scalar(Value::Null) => Ok(new_null_array(other.ok_or(Stop::RowByRow)?, rows)),
            Col::Scalar(v) => repeat(&v, rows).ok_or(Stop::RowByRow),
        }
    };
    let type_of = |col: &Col| match col {
        Col::Array(a) => Some(a.data_type().clone()),
        Col::Scalar(v) => repeat(v, 0).map(|a| a.data_type().clone()),
    };
    let (ta, tb) = (type_of(&a), type_of(&b));
    let a = array(a, tb.as_ref())?;
    let b = array(b, ta.as_ref())?;
    if a.data_type() != b.data_type() {
        return Err(Stop::RowByRow);
    }
    Ok((a, b))
}

/// An operand as a kernel takes it: an array, or a scalar of the other operand's type.
fn datum(col: Col, like: &DataType) -> Result<Box<dyn Datum>, Stop> {
    match col {
        Col::Array(a) => Ok(Box::new(a)),
        Col::Scalar(Value::Null) => Ok(Box::new(Scalar::new(new_null_array(like, 1)))),
        Col::Scalar(v) => {
            let one = repeat(&v, 1).ok_or(Stop::RowByRow)?;
            if one.data_type() != like {
                return Err(Stop::RowByRow);
            }
            Ok(Box::new(Scalar::new(one)))
        }
    }
}

fn binary_columns(operator: Operator, l: Col, r: Col, rows: usize) -> Result<ArrayRef, Stop> {
    use Operator::*;
    let ty = match (&l, &r) {
        (Col::Array(a), _) | (_, Col::Array(a)) => a.data_type().clone(),
        _ => return Err(Stop::RowByRow),
    };
    if let (Col::Array(a), Col::Array(b)) = (&l, &r)
        && a.data_type() != b.data_type()
    {
        return Err(Stop::RowByRow);
    }
    match operator {
        Equal | NotEqual | LessThan | LessThanEqual | GreaterThan | GreaterThanEqual => {
            let (a, b) = (datum(l, &ty)?, datum(r, &ty)?);
            let (a, b) = (a.as_ref(), b.as_ref());
            let result = match operator {
                Equal => arrow_ord::cmp::eq(a, b),
                NotEqual => arrow_ord::cmp::neq(a, b),
                LessThan => arrow_ord::cmp::lt(a, b),
                LessThanEqual => arrow_ord::cmp::lt_eq(a, b),
                GreaterThan => arrow_ord::cmp::gt(a, b),
                _ => arrow_ord::cmp::gt_eq(a, b),
            }?;
            Ok(Arc::new(result))
        }
        Addition if ty == DataType::Utf8 => {
            let (a, b) = same_type_arrays(l, r, rows)?;
            let (a, b) = (strings(&a)?, strings(&b)?);
            let mut out = StringBuilder::new();
            for i in 0..rows {
                if a.is_null(i) || b.is_null(i) {
                    out.append_null();
                } else {
                    out.append_value(format!("{}{}", a.value(i), b.value(i)));
                }
            }
            Ok(Arc::new(out.finish()))
        }
        Power if is_numeric(&ty) => {
            let (a, b) = same_type_arrays(l, r, rows)?;
            let (a, b) = (to_float_array(&a)?, to_float_array(&b)?);
            let (a, b) = (floats(&a)?, floats(&b)?);
            Ok(Arc::new(arrow_arith::arity::binary::<_, _, _, arrow_array::types::Float64Type>(a, b, f64::powf)?))
        }
        Addition | Subtraction | Multiplication | Division | Modulo if is_numeric(&ty) => {
            let (a, b) = (datum(l, &ty)?, datum(r, &ty)?);
            let (a, b) = (a.as_ref(), b.as_ref());
            Ok(match operator {
                Addition => arrow_arith::numeric::add_wrapping(a, b),
                Subtraction => arrow_arith::numeric::sub_wrapping(a, b),
                Multiplication => arrow_arith::numeric::mul_wrapping(a, b),
                Division => arrow_arith::numeric::div(a, b),
                _ => arrow_arith::numeric::rem(a, b),
            }?)
        }
        _ => Err(Stop::RowByRow),
    }
}

fn strings(a: &ArrayRef) -> Result<&StringArray, Stop> {
    a.as_any().downcast_ref::<StringArray>().ok_or(Stop::RowByRow)
}

fn floats(a: &ArrayRef) -> Result<&Float64Array, Stop> {
    a.as_any().downcast_ref::<Float64Array>().ok_or(Stop::RowByRow)
}

fn to_float_scalar(v: Value) -> Option<Value> {
    Some(match v {
        Value::Null => Value::Null,
        Value::Float(x) => Value::Float(x),
        Value::Int(i) => Value::Float(i as f64),
        Value::UInt(u) => Value::Float(u as f64),
        Value::Bool(b) => Value::Float(if b { 1.0 } else { 0.0 }),
        _ => return None,
    })
}

/// `float(v:)` of a column of numbers or booleans; strings are parsed row by row instead.
fn to_float_array(a: &ArrayRef) -> Result<ArrayRef, Stop> {
    let mut out = Float64Builder::with_capacity(a.len());
    let any = a.as_any();
    if let Some(x) = any.downcast_ref::<Float64Array>() {
        return Ok(Arc::new(x.clone()));
    } else if let Some(x) = any.downcast_ref::<Int64Array>() {
        x.iter().for_each(|v| out.append_option(v.map(|v| v as f64)));
    } else if let Some(x) = any.downcast_ref::<UInt64Array>() {
        x.iter().for_each(|v| out.append_option(v.map(|v| v as f64)));
    } else if let Some(x) = any.downcast_ref::<BooleanArray>() {
        x.iter().for_each(|v| out.append_option(v.map(|v| if v { 1.0 } else { 0.0 })));
    } else {
        return Err(Stop::RowByRow);
    }
    Ok(Arc::new(out.finish()))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use flux_semantic::ir::ItemRef;

    use super::vectorize;
    use crate::eval::Evaluator;
    use crate::table::Table;
    use crate::value::Value;

    /// A table with nulls and edge values in every column type.
    const DATA: &str = r##"import "csv"
data = csv.from(csv: "#datatype,string,long,long,double,unsignedLong,string,boolean,dateTime:RFC3339
#group,false,false,false,false,false,false,false,false
#default,_result,,,,,,,
,result,table,i,f,u,s,b,t
,,0,1,1.5,7,a,true,2030-01-01T00:00:00Z
,,0,-3,,0,,false,
,,0,,-0.25,,xyz,,2030-01-01T00:00:01Z
,,0,9223372036854775807,1e300,18446744073709551615,b,true,1970-01-01T00:00:00Z
,,0,0,0,3,,false,2030-01-01T00:00:00Z
")
"##;

    /// Each function mapped a column at a time gives what it gives row by row.
    #[test]
    fn vectorized_map_agrees_with_row_by_row() {
        let functions = [
            "(r) => ({r with x: r.i + 2})",
            "(r) => ({r with x: r.i * r.i - 1, y: r.f / 2.0})",
            "(r) => ({x: r.f ^ 2.0, y: r.i % 5})",
            "(r) => ({r with x: r.u + r.u})",
            "(r) => ({r with x: r.s + \"!\", y: r.s == \"a\", z: r.s < r.s})",
            "(r) => ({x: r.b and r.i > 0, y: r.b or not r.b, z: exists r.f})",
            "(r) => ({x: if r.b then r.i else -r.i})",
            "(r) => ({x: if r.i > 0 then float(v: r.i) else r.f})",
            "(r) => ({x: float(v: r.u) + float(v: r.b), y: r.t > 2030-01-01T00:00:00Z})",
            "(r) => ({r with b: true, i: 1, s: \"k\"})",
            "(r) => ({x: r.i == 0, y: r.f != 1.5, z: -r.f})",
        ];
        for function in functions {
            let source = format!("{DATA}f = {function}\n");
            let (parse, analysis) = crate::test_support::analyze(&source);
            let mut evaluator = Evaluator::new();
            let mut items = Vec::new();
            for (j, body) in analysis.bodies.into_iter().enumerate() {
                evaluator.run_statement(ItemRef(j as u64), &Arc::new(body)).unwrap();
                items.push(ItemRef(j as u64));
            }
            assert_eq!(items.len(), parse.file.body.len());
            let Some(Value::Stream(data)) = evaluator.package_value(items[0]) else { panic!("data") };
            let Some(Value::Function(f)) = evaluator.package_value(items[1]) else { panic!("f") };
            let vector = vectorize(&f).unwrap_or_else(|| panic!("{function} should vectorize"));
            let table = &data.tables[0];
            let fast = vector.apply(table).unwrap().unwrap_or_else(|| panic!("{function} ran row by row"));
            let labels: Vec<Arc<str>> = table.columns.iter().map(|c| Arc::from(c.label.as_str())).collect();
            for row in 0..table.len() {
                let record = crate::stdlib::tests_support_row(table, &labels, row);
                let Value::Record(slow) = evaluator.apply(&f, vec![("r".into(), record)], None).unwrap() else {
                    panic!("a record")
                };
                assert_eq!(fast.columns.len(), slow.fields.len(), "{function}");
                for (col, (label, value)) in slow.fields.iter().enumerate() {
                    assert_eq!(fast.columns[col].label, **label, "{function}");
                    let got = fast.cell(row, col);
                    let same = match (&got, value) {
                        (Value::Null, Value::Null) => true,
                        (Value::Float(a), Value::Float(b)) => a == b || (a.is_nan() && b.is_nan()),
                        (a, b) => a == b,
                    };
                    assert!(same, "{function}, row {row}, `{label}`: vectorized {got:?}, row by row {value:?}");
                }
            }
            check_same_shape(table, &fast);
        }
    }

    fn check_same_shape(input: &Table, output: &Table) {
        assert_eq!(input.len(), output.len());
    }

    #[test]
    fn functions_outside_the_rule_are_not_vectorized() {
        for function in [
            "(r) => ({x: \"${r.s}\"})",
            "(r) => ({x: r.s =~ /a/})",
            "(r) => ({x: string(v: r.i)})",
            "(r) => r",
            "(r) => { y = r.i\n return {x: y} }",
            "(row) => ({x: row.i})",
            "(r) => ({x: 1s})",
        ] {
            let source = format!("{DATA}f = {function}\n");
            let (_, analysis) = crate::test_support::analyze(&source);
            let mut evaluator = Evaluator::new();
            for (j, body) in analysis.bodies.into_iter().enumerate() {
                evaluator.run_statement(ItemRef(j as u64), &Arc::new(body)).unwrap();
            }
            let Some(Value::Function(f)) = evaluator.package_value(ItemRef(1)) else { panic!("f") };
            assert!(vectorize(&f).is_none(), "{function} should not vectorize");
        }
    }
}
