-- Neovim (0.7+) as a third-party LSP client of claimlint: on the rare-earths example, the Russia
-- figure in reports/global-outlook.md must carry a contradiction diagnostic and a hover with the
-- table of its key's claims. Exits non-zero on failure. Run by test/nvim/run.sh.
local server = os.getenv('CLAIMLINT_SERVER')
local folder = os.getenv('CLAIMLINT_FOLDER')
local timeout = tonumber(os.getenv('CLAIMLINT_TIMEOUT_MS') or '20000')
local file = folder .. '/reports/global-outlook.md'

local function say(text) io.stdout:write(text .. '\n') end
local function fail(message)
  say('FAIL: ' .. message)
  vim.cmd('cquit 1')
end

local published = {}
local client_id = vim.lsp.start_client({
  name = 'claimlint',
  cmd = { 'node', server, '--stdio' },
  root_dir = folder,
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      if result then published[result.uri] = result.diagnostics end
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
})
if not client_id then return fail('the server did not start') end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'markdown' -- -u NONE: no filetype detection
if not vim.lsp.buf_attach_client(bufnr, client_id) then return fail('could not attach the buffer') end

local uri = vim.uri_from_bufnr(bufnr)
local contradiction = nil
local found = vim.wait(timeout, function()
  for _, d in ipairs(published[uri] or {}) do
    if d.code == 'contradiction' and d.source == 'claimlint' then contradiction = d return true end
  end
  return false
end, 50)
if not found then return fail('no contradiction diagnostic on ' .. uri) end
say(('ok: contradiction at %d:%d: %s'):format(contradiction.range.start.line + 1, contradiction.range.start.character + 1, contradiction.message))
if not contradiction.message:find('Russia rare-earth reserves', 1, true) then return fail('the contradiction is not about Russia') end

local hover, hover_error = nil, nil
vim.lsp.get_client_by_id(client_id).request('textDocument/hover', {
  textDocument = { uri = uri },
  position = { line = contradiction.range.start.line, character = contradiction.range.start.character + 1 },
}, function(err, result) hover_error = err hover = result or false end, bufnr)
if not vim.wait(timeout, function() return hover ~= nil end, 50) then return fail('no hover answer') end
if hover_error or not hover then return fail('empty hover: ' .. vim.inspect(hover_error)) end
local text = hover.contents.value or ''
if not text:find('| value | as of | source | where | agrees |', 1, true) then return fail('the hover has no table:\n' .. text) end
if not text:find('reports/china-brief.zh.md:11', 1, true) then return fail('the hover table lacks the brief\'s 10 Mt:\n' .. text) end
say('ok: hover with the table of Russia rare-earth reserves')
vim.lsp.stop_client(client_id)
vim.cmd('qall!')
