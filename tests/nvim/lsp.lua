-- Drives flux-lsp from a real Neovim client and prints what it observed, one JSON object per
-- line, for tests/nvim.rs to check. Run with `nvim --headless --clean -l lsp.lua`.
--
-- Environment:
--   FLUX_LSP        the server executable
--   FLUX_FILE       the .flux file to open
--   FLUX_ENCODINGS  optional: the position encodings the client offers, comma-separated
--   FLUX_HOVER      "line,byte" (0-based) where to ask for hover

local report = dofile(vim.fs.joinpath(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)), "report.lua"))
local emit, fail, env = report.emit, report.fail, report.env

local server, file = env("FLUX_LSP"), env("FLUX_FILE")

-- Neovim has no Flux filetype of its own.
vim.filetype.add({ extension = { flux = "flux" } })
vim.cmd.edit(vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()

local capabilities = vim.lsp.protocol.make_client_capabilities()
local encodings = os.getenv("FLUX_ENCODINGS")
if encodings then
  capabilities.general.positionEncodings = vim.split(encodings, ",")
end

local id = vim.lsp.start({
  name = "flux-lsp",
  cmd = { server },
  root_dir = vim.fs.dirname(file),
  capabilities = capabilities,
})
if not id then
  fail("the client did not start")
end
local client = vim.lsp.get_client_by_id(id)

-- Errors as Neovim holds them: 0-based lines, byte columns. (The fixture's unused `title`
-- is also reported, as a warning.)
local function diagnostics()
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR })) do
    table.insert(items, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, code = d.code, message = d.message })
  end
  return items
end

local function wait_for_diagnostics(what, accept)
  local ok = vim.wait(10000, function()
    local items = diagnostics()
    return #items > 0 and accept(items)
  end, 10)
  if not ok then
    fail("no " .. what .. " diagnostics within 10 s: " .. vim.json.encode(diagnostics()))
  end
  return diagnostics()
end

local first = wait_for_diagnostics("initial", function() return true end)
emit({ event = "diagnostics", encoding = client.offset_encoding, items = first })

-- Hover where the test asks, with the position converted by Neovim itself.
local hover_at = vim.split(env("FLUX_HOVER"), ",")
vim.api.nvim_win_set_cursor(0, { tonumber(hover_at[1]) + 1, tonumber(hover_at[2]) })
local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
local response = client:request_sync("textDocument/hover", params, 10000, buf)
if not response or response.err or not response.result then
  fail("no hover: " .. vim.inspect(response))
end
local range = response.result.range
local line_text = vim.api.nvim_buf_get_lines(buf, range.start.line, range.start.line + 1, true)[1]
emit({
  event = "hover",
  text = response.result.contents.value,
  line = range.start.line,
  col = vim.str_byteindex(line_text, client.offset_encoding, range.start.character, false),
  end_col = vim.str_byteindex(line_text, client.offset_encoding, range["end"].character, false),
})

-- Type multi-byte text into the string before the error: the error moves right by its bytes.
local line = first[1].lnum
local before = first[1].col
local broken = vim.api.nvim_buf_get_lines(buf, line, line + 1, true)[1]
local quote = broken:find('"', 1, true) or fail("no string on the broken line: " .. broken)
vim.api.nvim_buf_set_text(buf, line, quote, line, quote, { "é😀 " })
local moved = wait_for_diagnostics("updated", function(items) return items[1].col ~= before end)
emit({ event = "edited", items = moved })

-- Symbols from the edited buffer.
local symbols = client:request_sync("textDocument/documentSymbol", { textDocument = { uri = vim.uri_from_bufnr(buf) } }, 10000, buf)
if not symbols or symbols.err then
  fail("no symbols: " .. vim.inspect(symbols))
end
local names = {}
for _, s in ipairs(symbols.result) do
  table.insert(names, s.name)
end
emit({ event = "symbols", names = names })

client:stop()
vim.wait(5000, function() return client:is_stopped() end, 10)
emit({ event = "done", nvim = tostring(vim.version()) })
vim.cmd("qall!")
