-- Run by scripts/test-neovim.sh: starts podlint-lsp the way docs/editors.md says (vim.lsp.start on Neovim 0.8+,
-- start_client + buf_attach_client on 0.7), waits for the diagnostics of the open buffer and prints them as
-- "line:col rule-id" (1-based), then quits; exits non-zero when none arrive in time.
local server = os.getenv('PODLINT_LSP_BIN')
local config = { name = 'podlint', cmd = { 'node', server, '--stdio' }, root_dir = vim.fn.getcwd() }
vim.bo.filetype = 'yaml'
if vim.lsp.start then
  vim.lsp.start(config)
else
  vim.lsp.buf_attach_client(0, vim.lsp.start_client(config))
end
local arrived = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
if not arrived then
  io.stderr:write('no diagnostics from podlint-lsp within 20 s\n')
  vim.cmd('cquit 1')
end
local lines = {}
for _, diagnostic in ipairs(vim.diagnostic.get(0)) do
  local code = diagnostic.code or (diagnostic.user_data and diagnostic.user_data.lsp and diagnostic.user_data.lsp.code)
  table.insert(lines, string.format('%d:%d %s', diagnostic.lnum + 1, diagnostic.col + 1, tostring(code)))
end
table.sort(lines)
io.stdout:write(table.concat(lines, '\n') .. '\n')
vim.cmd('qall!')
