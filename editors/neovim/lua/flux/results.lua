-- The results split: `flux.run` and `flux.test` answers as text, one aligned table per
-- group key.
local M = {}

local BUFFER_NAME = "flux://results"

--- A cell as text: nulls empty, strings as they are, numbers and booleans as JSON has them.
local function cell(value)
  if value == nil or value == vim.NIL then
    return ""
  elseif type(value) == "string" then
    return value
  elseif type(value) == "number" and value == math.floor(value) and math.abs(value) < 2 ^ 53 then
    return string.format("%d", value)
  end
  return vim.json.encode(value)
end

--- Rows of cells aligned in columns: text left, numbers right.
local function align(header, rows, numeric)
  local widths = {}
  for i, h in ipairs(header) do
    widths[i] = vim.fn.strdisplaywidth(h)
  end
  for _, row in ipairs(rows) do
    for i, c in ipairs(row) do
      widths[i] = math.max(widths[i] or 0, vim.fn.strdisplaywidth(c))
    end
  end
  local function line(cells, right)
    local parts = {}
    for i, c in ipairs(cells) do
      local pad = string.rep(" ", widths[i] - vim.fn.strdisplaywidth(c))
      parts[i] = (right and numeric[i]) and (pad .. c) or (c .. pad)
    end
    return (table.concat(parts, "  "):gsub("%s+$", ""))
  end
  local out = { line(header, false) }
  local rule = {}
  for i, w in ipairs(widths) do
    rule[i] = string.rep("-", w)
  end
  table.insert(out, table.concat(rule, "  "))
  for _, row in ipairs(rows) do
    table.insert(out, line(row, true))
  end
  return out
end

local NUMERIC = { long = true, unsignedLong = true, double = true }

--- The lines of a `flux.run` answer.
function M.run(file, answer, csv)
  local lines = {}
  if csv then
    for _, l in ipairs(vim.split(answer.csv or "", "\r?\n")) do
      table.insert(lines, l)
    end
  else
    for _, result in ipairs(answer.results) do
      table.insert(lines, "Result: " .. result.name)
      for _, t in ipairs(result.tables) do
        local keys = {}
        for _, column in ipairs(t.columns) do
          local value = t.groupKey[column.name]
          if value ~= nil then
            table.insert(keys, column.name .. "=" .. cell(value))
          end
        end
        table.insert(lines, "Table: " .. (#keys > 0 and table.concat(keys, ", ") or "(no group key)"))
        local header, numeric = {}, {}
        for i, column in ipairs(t.columns) do
          header[i] = column.name .. ":" .. column.type
          numeric[i] = NUMERIC[column.type] or false
        end
        local rows = {}
        for r, row in ipairs(t.rows) do
          rows[r] = {}
          for i = 1, #t.columns do
            rows[r][i] = cell(row[i])
          end
        end
        vim.list_extend(lines, align(header, rows, numeric))
        table.insert(lines, "")
      end
    end
  end
  local shown = answer.rowCount
  if answer.truncated then
    table.insert(lines, string.format("(showing the first rows of %d; the setting run.maxRows sets how many)", shown))
  end
  if answer.error then
    local at = ""
    if answer.error.range then
      at = string.format(" (line %d)", answer.error.range.start.line + 1)
    end
    table.insert(lines, "Error" .. at .. ": " .. answer.error.message)
  end
  local summary = string.format("%s: %d row%s in %.1f ms", file, shown, shown == 1 and "" or "s", answer.elapsedMs or 0)
  if answer.cancelled then
    summary = summary .. " (cancelled)"
  end
  table.insert(lines, 1, summary)
  table.insert(lines, 2, "")
  return lines
end

--- The lines of a `flux.test` answer.
function M.tests(file, answer)
  local lines = {
    string.format("%s: %d passed, %d failed%s", file, answer.summary.passed, answer.summary.failed,
      answer.cancelled and " (cancelled)" or ""),
    "",
  }
  for _, t in ipairs(answer.tests) do
    local status = t.status == "pass" and "pass" or "FAIL"
    table.insert(lines, string.format("%s  %s  (line %d, %.1f ms)", status, t.name, t.range.start.line + 1, t.durationMs))
    if t.message then
      for _, l in ipairs(vim.split(t.message, "\n")) do
        table.insert(lines, "    " .. l)
      end
    end
  end
  return lines
end

--- The lines for a request that failed.
function M.failure(what, file, err)
  local word = err.code == -32800 and "cancelled" or "failed"
  return { string.format("%s: the %s %s: %s", file, what, word, err.message) }
end

--- Shows `lines` in the results buffer, in a split of its own (reused).
function M.show(split, lines)
  local buf = vim.fn.bufnr(BUFFER_NAME)
  if buf == -1 then
    buf = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_name(buf, BUFFER_NAME)
    vim.bo[buf].buftype = "nofile"
    vim.bo[buf].bufhidden = "hide"
    vim.bo[buf].swapfile = false
    vim.bo[buf].filetype = "fluxresults"
  end
  vim.bo[buf].modifiable = true
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].modifiable = false
  if vim.fn.bufwinid(buf) == -1 then
    local here = vim.api.nvim_get_current_win()
    vim.cmd(split)
    vim.api.nvim_win_set_buf(0, buf)
    vim.wo.wrap = false
    vim.wo.number = false
    vim.api.nvim_set_current_win(here)
  end
  return buf
end

M.BUFFER_NAME = BUFFER_NAME

return M
