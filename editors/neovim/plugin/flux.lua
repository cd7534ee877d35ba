-- Flux: user commands, code lenses on attach, and the tree-sitter parser's registration.
if vim.g.loaded_flux then
  return
end
vim.g.loaded_flux = true

local flux = require("flux")

-- Highlighting with plain vim.treesitter once a parser is installed (nvim-treesitter's or
-- `:FluxBuildParser`'s); the queries come with the plugin (queries/flux).
vim.treesitter.language.register("flux", "flux")
flux.register_nvim_treesitter()
vim.api.nvim_create_autocmd("FileType", {
  group = vim.api.nvim_create_augroup("flux.treesitter", { clear = true }),
  pattern = "flux",
  callback = function(args)
    pcall(vim.treesitter.start, args.buf, "flux")
  end,
})

vim.api.nvim_create_autocmd("LspAttach", {
  group = vim.api.nvim_create_augroup("flux.attach", { clear = true }),
  callback = function(args)
    local client = vim.lsp.get_client_by_id(args.data.client_id)
    if client and vim.bo[args.buf].filetype == "flux" then
      flux.on_attach(client, args.buf)
    end
  end,
})

vim.api.nvim_create_user_command("FluxRun", function(opts)
  local words = {}
  for _, word in ipairs(opts.fargs) do
    words[word] = true
  end
  local run = { csv = words.csv, file = words.file }
  if opts.range > 0 and not run.file then
    run.range = { opts.line1 - 1, opts.line2 - 1 }
  end
  flux.run(run)
end, {
  nargs = "*",
  range = true,
  complete = function()
    return { "file", "csv" }
  end,
  desc = "Run the Flux statement at the cursor, the lines of a range, or the file (`file`); `csv` for annotated CSV",
})

vim.api.nvim_create_user_command("FluxTest", function(opts)
  flux.test(opts.args ~= "" and opts.args or nil)
end, { nargs = "?", desc = "Run the file's Flux test cases, or the one named" })

vim.api.nvim_create_user_command("FluxCancel", function()
  flux.cancel()
end, { desc = "Cancel the Flux runs of this buffer" })

vim.api.nvim_create_user_command("FluxConnection", function(opts)
  flux.connection(opts.args)
end, {
  nargs = "?",
  complete = function()
    return flux.connection_names()
  end,
  desc = "Choose the connection Flux runs use (`local` for the local buckets)",
})

vim.api.nvim_create_user_command("FluxBuildParser", function()
  local path, problem = flux.build_parser()
  if path then
    vim.notify("flux: built " .. path, vim.log.levels.INFO)
    for _, buf in ipairs(vim.api.nvim_list_bufs()) do
      if vim.bo[buf].filetype == "flux" then
        pcall(vim.treesitter.start, buf, "flux")
      end
    end
  else
    vim.notify("flux: " .. problem, vim.log.levels.ERROR)
  end
end, { desc = "Compile the tree-sitter parser for Flux into the plugin (needs a C compiler)" })
