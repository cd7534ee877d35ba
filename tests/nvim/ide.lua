-- Drives flux-lsp's editor features from a real Neovim client on a two-file package and
-- prints what it observed, one JSON object per line, for tests/nvim.rs to check.
-- Run with `nvim --headless --clean -l ide.lua`.
--
-- Environment:
--   FLUX_LSP   the server executable
--   FLUX_DIR   the package directory, holding a.flux and b.flux

local report = dofile(vim.fs.joinpath(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)), "report.lua"))
local emit, fail, env = report.emit, report.fail, report.env

local server, dir = env("FLUX_LSP"), env("FLUX_DIR")

vim.filetype.add({ extension = { flux = "flux" } })
vim.cmd.edit(vim.fn.fnameescape(dir .. "/b.flux"))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start({ name = "flux-lsp", cmd = { server }, root_dir = dir })
if not id then
  fail("the client did not start")
end
local client = vim.lsp.get_client_by_id(id)
local uri = vim.uri_from_bufnr(buf)

-- The position (0-based line, byte column) just after the first occurrence of `text`.
local function after(text)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, true)) do
    local s, e = line:find(text, 1, true)
    if s then
      return i - 1, e
    end
  end
  fail("no " .. text .. " in b.flux")
end

local function request(method, line, col, extra)
  vim.api.nvim_win_set_cursor(0, { line + 1, col })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  for k, v in pairs(extra or {}) do
    params[k] = v
  end
  local response = client:request_sync(method, params, 10000, buf)
  if not response or response.err then
    fail(method .. ": " .. vim.inspect(response))
  end
  return response.result
end

-- Wait until the server has read the workspace: `limit` resolves into a.flux.
local ready = vim.wait(10000, function()
  local l, c = after("limit")
  local result = client:request_sync("textDocument/definition", {
    textDocument = { uri = uri },
    position = { line = l, character = c - 1 },
  }, 2000, buf)
  return result and result.result and #result.result > 0
end, 50)
if not ready then
  fail("the workspace was not scanned within 10 s")
end

-- Completion of `r.` columns inside the last filter, the cursor right after the dot.
local line, col = after("r._value")
local completion = request("textDocument/completion", line, col - #"_value")
local labels = {}
for _, item in ipairs(completion.items or completion) do
  table.insert(labels, item.label)
end
emit({ event = "completion", labels = labels })

-- Hover over `filter`, with its documentation.
line, col = after("|> filt")
local hover = request("textDocument/hover", line, col)
emit({ event = "hover", text = hover.contents.value })

-- Signature help inside `aggregateWindow(`.
line, col = after("aggregateWindow(every: 1m, ")
local signature = request("textDocument/signatureHelp", line, col)
local active = signature.signatures[1].parameters[signature.activeParameter + 1].label
emit({ event = "signature", label = signature.signatures[1].label, active = active })

-- Rename `limit` (defined in a.flux, used here) and apply the edit as Neovim does.
line, col = after("limit")
local edit = request("textDocument/rename", line, col - 1, { newName = "maximum" })
vim.lsp.util.apply_workspace_edit(edit, client.offset_encoding)
local a = vim.fn.bufnr(dir .. "/a.flux")
emit({
  event = "renamed",
  a = table.concat(vim.api.nvim_buf_get_lines(a, 0, -1, true), "\n"),
  b = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), "\n"),
})

client:stop()
vim.wait(5000, function() return client:is_stopped() end, 10)
emit({ event = "done", nvim = tostring(vim.version()) })
vim.cmd("qall!")
