-- What the Neovim test scripts share: reporting to tests/nvim.rs, one JSON object per line.
local M = {}

function M.emit(value)
  io.stdout:write(vim.json.encode(value) .. "\n")
end

function M.fail(message)
  M.emit({ event = "failure", message = message })
  vim.cmd("cquit 1")
end

function M.env(name)
  return os.getenv(name) or M.fail("environment variable " .. name .. " is not set")
end

return M
