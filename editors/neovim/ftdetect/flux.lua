-- Neovim has no Flux filetype of its own.
vim.filetype.add({ extension = { flux = "flux" } })
