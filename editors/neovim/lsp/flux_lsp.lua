-- The Flux language server for Neovim 0.11's `vim.lsp.enable("flux_lsp")`. nvim-lspconfig has
-- an entry of the same name: the two merge, and `vim.lsp.config("flux_lsp", {...})` overrides
-- either (docs/configuration.md lists the settings).
return {
  cmd = { "flux-lsp" },
  filetypes = { "flux" },
  root_markers = { "flx.toml", "flux-schema.json", ".git" },
  settings = { flux = {} },
}
