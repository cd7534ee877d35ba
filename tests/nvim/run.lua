-- Drives the Neovim plugin (editors/neovim, on the runtimepath) against flux-lsp: runs a
-- statement, the file as CSV and a code lens over a local bucket, runs test cases, cancels a
-- long run, switches connection, and highlights with the parser the plugin builds. Prints what
-- it saw, one JSON object per line, for tests/nvim.rs.
--
-- Run with `nvim --headless --clean --cmd "set rtp^=editors/neovim" -l run.lua`.
-- Environment: FLUX_LSP (the server), FLUX_DIR (a workspace with q.flux, t_test.flux,
-- slow.flux and a local bucket).

local report = dofile(vim.fs.joinpath(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)), "report.lua"))
local emit, fail, env = report.emit, report.fail, report.env

local server, dir = env("FLUX_LSP"), env("FLUX_DIR")
local flux = require("flux")

local notes = {}
vim.notify = function(message)
  table.insert(notes, message)
end

vim.lsp.config("flux_lsp", { cmd = { server } })
vim.lsp.enable("flux_lsp")

local function open(name)
  vim.cmd.edit(vim.fn.fnameescape(dir .. "/" .. name))
  local buf = vim.api.nvim_get_current_buf()
  local attached = vim.wait(10000, function()
    return #vim.lsp.get_clients({ bufnr = buf, name = "flux_lsp" }) > 0
  end, 10)
  if not attached then
    fail("flux_lsp did not attach to " .. name .. " (filetype " .. vim.bo[buf].filetype .. ")")
  end
  return buf
end

local function results()
  local buf = vim.fn.bufnr("flux://results")
  return buf == -1 and {} or vim.api.nvim_buf_get_lines(buf, 0, -1, false)
end

--- Waits until the results split holds `text`; returns its lines.
local function results_with(text, what)
  local ok = vim.wait(20000, function()
    return table.concat(results(), "\n"):find(text, 1, true) ~= nil
  end, 10)
  if not ok then
    fail(what .. ": no `" .. text .. "` in the results: " .. vim.inspect(results()) .. "; messages: " .. vim.inspect(notes))
  end
  local window = vim.fn.bufwinid("flux://results")
  return { lines = results(), shown = window ~= -1 }
end

local function clear()
  local buf = vim.fn.bufnr("flux://results")
  if buf ~= -1 then
    vim.bo[buf].modifiable = true
    vim.api.nvim_buf_set_lines(buf, 0, -1, false, {})
  end
end

local q = open("q.flux")

-- The statement under the cursor (the third line: host b).
vim.api.nvim_win_set_cursor(0, { 3, 5 })
vim.cmd("FluxRun")
local statement = results_with("Table:", "FluxRun")
emit({ event = "statement", lines = statement.lines, shown = statement.shown })

-- The whole file, as annotated CSV.
clear()
vim.cmd("FluxRun file csv")
emit({ event = "csv", lines = results_with("#datatype", "FluxRun file csv").lines })

-- A range: the second line only.
clear()
vim.cmd("2,2FluxRun")
emit({ event = "range", lines = results_with("Table:", "2,2FluxRun").lines })

-- Code lenses, resolved, then the one on the second line run as a user would (<CR> on it).
local lensed = vim.wait(10000, function()
  local lenses = vim.lsp.codelens.get(q)
  if #lenses == 0 then
    return false
  end
  for _, lens in ipairs(lenses) do
    if not lens.command then
      return false
    end
  end
  return true
end, 20)
if not lensed then
  fail("no resolved code lenses: " .. vim.inspect(vim.lsp.codelens.get(q)))
end
local titles = {}
for _, lens in ipairs(vim.lsp.codelens.get(q)) do
  table.insert(titles, string.format("%d %s", lens.range.start.line, lens.command.title))
end
table.sort(titles)
emit({ event = "lenses", titles = titles })
clear()
vim.api.nvim_win_set_cursor(0, { 2, 0 })
vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes("<CR>", true, false, true), "x", false)
emit({ event = "lens", lines = results_with("Table:", "the code lens").lines })

-- Test cases.
open("t_test.flux")
clear()
vim.cmd("FluxTest")
emit({ event = "tests", lines = results_with("passed", "FluxTest").lines })

-- A long run, cancelled.
local slow = open("slow.flux")
clear()
vim.cmd("FluxRun file")
if not vim.wait(5000, function() return flux.is_running(slow) end, 10) then
  fail("the long run did not start")
end
vim.wait(300)
if not flux.is_running(slow) then
  fail("the long run ended by itself: " .. vim.inspect(results()))
end
vim.cmd("FluxCancel")
emit({ event = "cancelled", lines = results_with("cancelled", "FluxCancel").lines, running = flux.is_running(slow) })

-- Connections: the local buckets by name.
vim.cmd.buffer(q)
vim.cmd("FluxConnection local")
vim.wait(5000, function() return #notes > 0 end, 10)
emit({ event = "connection", notes = notes, names = flux.connection_names() })

-- Highlighting: the parser built from tree-sitter-flux, the plugin's queries.
local parser, problem = flux.build_parser({ dir = dir .. "/parser" })
if not parser then
  fail(problem)
end
vim.treesitter.start(q, "flux")
vim.treesitter.get_parser(q, "flux"):parse(true)
local line = vim.api.nvim_buf_get_lines(q, 0, 1, false)[1]
local col = line:find('"sensors"', 1, true) - 1
local captures = {}
for _, capture in ipairs(vim.treesitter.get_captures_at_pos(q, 0, col)) do
  table.insert(captures, capture.capture)
end
emit({ event = "highlight", captures = captures, active = vim.treesitter.highlighter.active[q] ~= nil })

emit({ event = "done", nvim = tostring(vim.version()) })
vim.cmd("qall!")
