-- Flux in Neovim: runs queries and tests through flux-lsp's `flux.*` commands and shows the
-- results in a scratch split; registers the tree-sitter parser. See editors/neovim/README.md.
local results = require("flux.results")

local M = {}

M.config = {
  -- Code lenses ("▶ Run", "▶ Test") refreshed as you edit and runnable with <CR> on them.
  codelens = true,
  -- Where results open: a command that makes a split (`botright split`, `vertical split`).
  split = "botright split",
}

--- The flux-lsp client attached to `bufnr`, or nil with a message.
local function client_for(bufnr)
  local clients = vim.lsp.get_clients({ bufnr = bufnr, name = "flux_lsp" })
  if #clients == 0 then
    -- Also accept a client started under another name, as long as it runs our commands.
    for _, c in ipairs(vim.lsp.get_clients({ bufnr = bufnr })) do
      local provider = c.server_capabilities.executeCommandProvider
      if provider and vim.tbl_contains(provider.commands or {}, "flux.run") then
        return c
      end
    end
    vim.notify("flux: no flux-lsp client is attached to this buffer", vim.log.levels.ERROR)
    return nil
  end
  return clients[1]
end

--- Sends a `flux.*` command; `done(err, result)` gets the answer.
local function execute(bufnr, command, argument, done)
  local client = client_for(bufnr)
  if not client then
    return
  end
  local params = { command = command, arguments = argument and { argument } or {} }
  client:request("workspace/executeCommand", params, function(err, result)
    done(err, result, client)
  end, bufnr)
end

--- An LSP position for a line (0-based) and byte column in `bufnr`.
local function position(bufnr, client, line, byte)
  local text = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1] or ""
  byte = math.min(byte, #text)
  return { line = line, character = vim.str_utfindex(text, client.offset_encoding, byte, false) }
end

local running = {}

--- Runs the statement at the cursor, a range of lines (`opts.range`), or the whole buffer
--- (`opts.file`); `opts.csv` asks for annotated CSV.
function M.run(opts)
  opts = opts or {}
  local bufnr = vim.api.nvim_get_current_buf()
  local client = client_for(bufnr)
  if not client then
    return
  end
  local argument = { uri = vim.uri_from_bufnr(bufnr) }
  if opts.csv then
    argument.format = "csv"
  end
  if opts.range then
    local first, last = opts.range[1], opts.range[2]
    local last_text = vim.api.nvim_buf_get_lines(bufnr, last, last + 1, false)[1] or ""
    argument.range = {
      start = position(bufnr, client, first, 0),
      ["end"] = position(bufnr, client, last, #last_text),
    }
  elseif not opts.file then
    local cursor = vim.api.nvim_win_get_cursor(0)
    argument.position = position(bufnr, client, cursor[1] - 1, cursor[2])
  end
  M.run_argument(bufnr, argument)
end

--- The file name of `bufnr`, for messages and the results' heading.
local function file_name(bufnr)
  return vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ":t")
end

--- Sends a run or test command and shows its answer (`render(file, result)`) or its failure
--- in the results split; the buffer counts as running until the answer arrives.
local function run_and_show(bufnr, command, argument, verb, render)
  local file = file_name(bufnr)
  running[bufnr] = true
  vim.api.nvim_echo({ { "flux: " .. verb .. " " .. file .. " (:FluxCancel stops it)" } }, false, {})
  execute(bufnr, command, argument, function(err, result)
    running[bufnr] = nil
    vim.schedule(function()
      local what = command == "flux.run" and "run" or "test"
      results.show(M.config.split, err and results.failure(what, file, err) or render(file, result))
      vim.api.nvim_echo({ { "" } }, false, {})
    end)
  end)
end

--- Sends `flux.run` with an argument as the protocol has it, and shows the answer.
function M.run_argument(bufnr, argument)
  run_and_show(bufnr, "flux.run", argument, "running", function(file, result)
    return results.run(file, result, argument.format == "csv")
  end)
end

--- Runs the buffer's test cases, or the one named.
function M.test(name)
  local bufnr = vim.api.nvim_get_current_buf()
  M.test_argument(bufnr, { uri = vim.uri_from_bufnr(bufnr), name = name })
end

--- Sends `flux.test` with an argument as the protocol has it, and shows the answer.
function M.test_argument(bufnr, argument)
  run_and_show(bufnr, "flux.test", argument, "testing", results.tests)
end

--- Cancels the runs of the current buffer.
function M.cancel()
  local bufnr = vim.api.nvim_get_current_buf()
  execute(bufnr, "flux.cancel", { uri = vim.uri_from_bufnr(bufnr) }, function(err, result)
    vim.schedule(function()
      if err then
        vim.notify("flux: " .. err.message, vim.log.levels.ERROR)
      elseif result.cancelled == 0 then
        vim.notify("flux: nothing is running", vim.log.levels.INFO)
      end
    end)
  end)
end

--- Whether a run or test of `bufnr` is waiting for its answer.
function M.is_running(bufnr)
  return running[bufnr or vim.api.nvim_get_current_buf()] == true
end

local LOCAL = "local buckets"

--- Chooses the connection runs use: by name, or from a list.
function M.connection(name)
  local bufnr = vim.api.nvim_get_current_buf()
  local function set(chosen)
    execute(bufnr, "flux.setConnection", { name = chosen or vim.NIL }, function(err, result)
      vim.schedule(function()
        if err then
          vim.notify("flux: " .. err.message, vim.log.levels.ERROR)
        else
          local current = result.current ~= vim.NIL and result.current or LOCAL
          vim.notify("flux: runs use " .. current, vim.log.levels.INFO)
        end
      end)
    end)
  end
  if name and name ~= "" then
    return set(name ~= "local" and name or nil)
  end
  execute(bufnr, "flux.connections", nil, function(err, result)
    vim.schedule(function()
      if err then
        return vim.notify("flux: " .. err.message, vim.log.levels.ERROR)
      end
      local items = { LOCAL }
      for _, c in ipairs(result.connections) do
        table.insert(items, c.name)
      end
      local current = result.current ~= vim.NIL and result.current or LOCAL
      vim.ui.select(items, {
        prompt = "Connection (now: " .. current .. ")",
        format_item = function(item)
          for _, c in ipairs(result.connections) do
            if c.name == item then
              return string.format("%s  %s %s", c.name, c.kind, c.url ~= vim.NIL and c.url or c.reads)
            end
          end
          return item .. "  " .. result["local"].data
        end,
      }, function(choice)
        if choice then
          set(choice ~= LOCAL and choice or nil)
        end
      end)
    end)
  end)
end

--- The names `:FluxConnection` completes.
function M.connection_names()
  local bufnr = vim.api.nvim_get_current_buf()
  local client = client_for(bufnr)
  if not client then
    return {}
  end
  local answer = client:request_sync("workspace/executeCommand", { command = "flux.connections", arguments = {} }, 2000, bufnr)
  local names = { "local" }
  if answer and answer.result then
    for _, c in ipairs(answer.result.connections) do
      table.insert(names, c.name)
    end
  end
  return names
end

--- Where this plugin's files are: editors/neovim in a checkout of flx.
local function plugin_root()
  local source = debug.getinfo(1, "S").source:sub(2)
  return vim.fs.dirname(vim.fs.dirname(vim.fs.dirname(source)))
end

--- The tree-sitter-flux directory next to the plugin.
function M.grammar_dir()
  return vim.fs.normalize(plugin_root() .. "/../../tree-sitter-flux")
end

--- Compiles the tree-sitter parser with a C compiler into `opts.dir` (default: the plugin's
--- `parser/`, where Neovim finds it at the next start) for plain `vim.treesitter`, without
--- nvim-treesitter. Returns the library's path, or nil and why not.
function M.build_parser(opts)
  opts = opts or {}
  local src = M.grammar_dir() .. "/src"
  local out_dir = opts.dir or (plugin_root() .. "/parser")
  vim.fn.mkdir(out_dir, "p")
  local out = out_dir .. "/flux.so"
  local cc = opts.compiler or os.getenv("CC") or "cc"
  local result = vim.system({
    cc, "-shared", "-fPIC", "-O2", "-I", src, src .. "/parser.c", src .. "/scanner.c", "-o", out,
  }):wait()
  if result.code ~= 0 then
    return nil, (cc .. " failed: " .. (result.stderr or ""))
  end
  vim.treesitter.language.add("flux", { path = out })
  return out
end

--- Registers the parser with nvim-treesitter, whichever of its two APIs it has, so that
--- `:TSInstall flux` builds it from tree-sitter-flux.
function M.register_nvim_treesitter()
  local ok, parsers = pcall(require, "nvim-treesitter.parsers")
  if not ok then
    return false
  end
  local dir = M.grammar_dir()
  if type(parsers.get_parser_configs) == "function" then
    -- The `master` branch.
    parsers.get_parser_configs().flux = {
      install_info = { url = dir, files = { "src/parser.c", "src/scanner.c" } },
      filetype = "flux",
    }
  else
    -- The `main` branch reads its table again on `User TSUpdate`.
    local function add()
      require("nvim-treesitter.parsers").flux = { install_info = { path = dir, queries = "queries" } }
    end
    add()
    vim.api.nvim_create_autocmd("User", { pattern = "TSUpdate", callback = add })
  end
  return true
end

local lens_group = vim.api.nvim_create_augroup("flux.codelens", { clear = true })

--- Shows the server's code lenses in `bufnr` and keeps them fresh.
local function attach_codelens(bufnr)
  local refresh = function()
    vim.lsp.codelens.refresh({ bufnr = bufnr })
  end
  refresh()
  vim.api.nvim_clear_autocmds({ group = lens_group, buffer = bufnr })
  vim.api.nvim_create_autocmd({ "BufEnter", "InsertLeave", "TextChanged" }, {
    group = lens_group,
    buffer = bufnr,
    callback = refresh,
  })
  vim.keymap.set("n", "<CR>", function()
    local line = vim.api.nvim_win_get_cursor(0)[1] - 1
    for _, lens in ipairs(vim.lsp.codelens.get(bufnr)) do
      if lens.range.start.line == line then
        return vim.lsp.codelens.run()
      end
    end
    vim.cmd("normal! \r")
  end, { buffer = bufnr, desc = "Run the code lens on this line" })
end

-- Code lenses run here, so that their answers are shown (a command Neovim does not know
-- would be sent to the server and its answer dropped).
vim.lsp.commands["flux.run"] = function(command, ctx)
  M.run_argument(ctx.bufnr, command.arguments[1])
end
vim.lsp.commands["flux.test"] = function(command, ctx)
  M.test_argument(ctx.bufnr, command.arguments[1])
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", M.config, opts or {})
end

function M.on_attach(client, bufnr)
  if M.config.codelens and client.server_capabilities.codeLensProvider then
    attach_codelens(bufnr)
  end
end

return M
