//! Types shown in Flux's own type syntax: `(<-tables: stream[A], ?n: int) => stream[A] where
//! A: Record`.

use std::fmt::{self, Write};

use crate::ty::{Function, Scheme, Ty, UNNAMED_PIPE};

/// Visits `ty` and its parts in the order they are printed, so that variables can be named in
/// order of appearance.
pub(crate) fn visit_in_display_order(ty: &Ty, f: &mut dyn FnMut(&Ty)) {
    f(ty);
    match ty {
        Ty::Record(_) => {
            let (fields, tail) = flatten_record(ty);
            visit_in_display_order(tail, f);
            for (_, t) in fields {
                visit_in_display_order(t, f);
            }
        }
        Ty::Function(func) => {
            for p in func.params() {
                visit_in_display_order(&p.ty, f);
            }
            visit_in_display_order(&func.ret, f);
        }
        _ => ty.for_each_child(|t| visit_in_display_order(t, f)),
    }
}

/// The fields of a record in order, and what ends it (the empty record, a variable, an error).
pub fn flatten_record(mut ty: &Ty) -> (Vec<(&str, &Ty)>, &Ty) {
    let mut fields = Vec::new();
    while let Ty::Record(field) = ty {
        fields.push((field.label.as_str(), &field.ty));
        ty = &field.tail;
    }
    (fields, ty)
}

pub fn var_name(index: u32) -> String {
    if index < 26 { char::from(b'A' + index as u8).to_string() } else { format!("T{index}") }
}

struct Printer<'a> {
    out: &'a mut dyn Write,
}

impl Printer<'_> {
    fn ty(&mut self, ty: &Ty) -> fmt::Result {
        match ty {
            Ty::Error => self.out.write_str("<error>"),
            Ty::Basic(b) => self.out.write_str(b.name()),
            // Unresolved variables only appear in types not generalized first.
            Ty::Var(v) => write!(self.out, "t{}", v.0),
            Ty::Bound(i) => self.out.write_str(&var_name(*i)),
            Ty::Array(t) => {
                self.out.write_char('[')?;
                self.ty(t)?;
                self.out.write_char(']')
            }
            Ty::Stream(t) => {
                self.out.write_str("stream[")?;
                self.ty(t)?;
                self.out.write_char(']')
            }
            Ty::Vector(t) => {
                self.out.write_str("vector[")?;
                self.ty(t)?;
                self.out.write_char(']')
            }
            Ty::Dict(kv) => {
                self.out.write_char('[')?;
                self.ty(&kv.0)?;
                self.out.write_str(": ")?;
                self.ty(&kv.1)?;
                self.out.write_char(']')
            }
            Ty::Dynamic => self.out.write_str("dynamic"),
            Ty::EmptyRecord => self.out.write_str("{}"),
            Ty::Record(_) => {
                let (fields, tail) = flatten_record(ty);
                self.out.write_char('{')?;
                if !matches!(tail, Ty::EmptyRecord) {
                    self.ty(tail)?;
                    self.out.write_str(" with ")?;
                }
                for (i, (label, t)) in fields.into_iter().enumerate() {
                    if i > 0 {
                        self.out.write_str(", ")?;
                    }
                    if flux_syntax::lexer::is_identifier(label) {
                        self.out.write_str(label)?;
                    } else {
                        write!(self.out, "{label:?}")?;
                    }
                    self.out.write_str(": ")?;
                    self.ty(t)?;
                }
                self.out.write_char('}')
            }
            Ty::Function(f) => self.function(f),
        }
    }

    fn function(&mut self, f: &Function) -> fmt::Result {
        self.out.write_char('(')?;
        let mut first = true;
        let mut sep = |out: &mut dyn Write| {
            if !std::mem::take(&mut first) {
                out.write_str(", ")?;
            }
            Ok::<(), fmt::Error>(())
        };
        if let Some(p) = &f.pipe {
            sep(self.out)?;
            self.out.write_str("<-")?;
            if p.name != UNNAMED_PIPE {
                self.out.write_str(&p.name)?;
            }
            self.out.write_str(": ")?;
            self.ty(&p.ty)?;
        }
        for p in &f.req {
            sep(self.out)?;
            write!(self.out, "{}: ", p.name)?;
            self.ty(&p.ty)?;
        }
        for p in &f.opt {
            sep(self.out)?;
            write!(self.out, "?{}: ", p.name)?;
            self.ty(&p.ty)?;
        }
        self.out.write_str(") => ")?;
        self.ty(&f.ret)
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Printer { out: f }.ty(self)
    }
}

impl Scheme {
    /// The constraints on the scheme's variables as ` where A: Record, B: Addable + Comparable`
    /// (empty without any), naming variables as the scheme's type displays them: call it on a
    /// [`Scheme::canonical`] scheme.
    pub fn where_clause(&self) -> String {
        let mut out = String::new();
        let constrained = self.kinds.iter().enumerate().filter(|(_, k)| !k.is_empty());
        for (n, (i, kinds)) in constrained.enumerate() {
            out.push_str(if n == 0 { " where " } else { ", " });
            out.push_str(&var_name(i as u32));
            out.push_str(": ");
            let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
            out.push_str(&names.join(" + "));
        }
        out
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = self.canonical();
        Printer { out: f }.ty(&scheme.ty)?;
        f.write_str(&scheme.where_clause())
    }
}
