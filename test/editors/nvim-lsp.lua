-- Headless Neovim 0.7 driving image-trust-server against the sandbox. Run through the node test
-- (editors.test.ts), which sets:
--   IT_SERVER   server command, space-separated (node dist/server.js --stdio)
--   IT_SETTINGS initializationOptions.settings as JSON (the sandbox config)
--   IT_MODE     "smoke" (hover, diagnostics, pin quick fix), "hover" (diagnostics, then the hover of
--               line 1 only) or "bench" (time to complete diagnostics)
--   IT_COMPLETE number of references whose unpinned-digest message must name a looked-up digest
--   IT_OUT      smoke: where to write the buffer after the quick fix
--   IT_UPDATE_LINE smoke: a 0-based line whose "update to the newest tag in the track" action is applied first
-- Prints "hover: …", "diagnostic: …", "completion: …", "update: …", "action: …", "bench-ms: N"; exits 0 on success.
local out = function(s) io.stdout:write(s .. '\n') end
local fail = function(msg) out('FAIL: ' .. msg); vim.cmd('cquit 1') end

local bufnr = vim.api.nvim_get_current_buf()
local file = vim.api.nvim_buf_get_name(bufnr)
local mode = os.getenv('IT_MODE') or 'smoke'
local complete = tonumber(os.getenv('IT_COMPLETE') or '1')
local latest = {}
local t_open

local client_id = vim.lsp.start_client({
  name = 'image-trust',
  cmd = vim.split(os.getenv('IT_SERVER'), ' ', { trimempty = true }),
  root_dir = vim.fn.fnamemodify(file, ':h'),
  init_options = { settings = vim.fn.json_decode(os.getenv('IT_SETTINGS')) },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      latest = result.diagnostics
      return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
})
if not client_id then return fail('start_client returned nil') end
local client = vim.lsp.get_client_by_id(client_id)
if not vim.wait(15000, function() return client.initialized end, 10) then return fail('initialize timeout') end
t_open = vim.loop.hrtime()
vim.lsp.buf_attach_client(bufnr, client_id)

-- complete: every reference's unpinned-digest message names the digest its tag points to now
local function looked_up()
  local n = 0
  for _, d in ipairs(latest) do
    if d.code == 'unpinned-digest' and d.message:find('what the tag points to now', 1, true) then n = n + 1 end
  end
  return n
end
if not vim.wait(60000, function() return looked_up() >= complete end, 5) then
  return fail(('diagnostics incomplete: %d of %d looked up'):format(looked_up(), complete))
end
local ms = math.floor((vim.loop.hrtime() - t_open) / 1e6)

if mode == 'bench' then
  local counts, keys = {}, {}
  for _, d in ipairs(latest) do
    if not counts[d.code] then counts[d.code] = 0; table.insert(keys, d.code) end
    counts[d.code] = counts[d.code] + 1
  end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do table.insert(parts, k .. '=' .. counts[k]) end
  out(('bench-ms: %d (%d diagnostics: %s)'):format(ms, #latest, table.concat(parts, ' ')))
  vim.lsp.stop_client(client_id)
  vim.wait(3000, function() return client.is_stopped() end, 10)
  vim.cmd('qall!')
  return
end

for _, d in ipairs(latest) do
  out(('diagnostic: L%d:%d %s [%s] %s'):format(d.range.start.line + 1, d.range.start.character + 1,
    ({ 'error', 'warning', 'information', 'hint' })[d.severity] or '?', d.code, d.message))
end

local function hover_first_line()
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    position = { line = 0, character = 7 },
  }, 20000)
  local hover = res and res[client_id] and res[client_id].result
  if not hover then return false end
  for _, line in ipairs(vim.split(hover.contents.value, '\n')) do out('hover: ' .. line) end
  return true
end
if not hover_first_line() then return fail('no hover result') end
if mode == 'hover' then
  vim.lsp.stop_client(client_id)
  vim.wait(3000, function() return client.is_stopped() end, 10)
  vim.cmd('qall!')
  return
end

-- tag completion after `nginx:` (the tag list, newest first, with push age)
local comp = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
  textDocument = vim.lsp.util.make_text_document_params(bufnr),
  position = { line = 0, character = 11 },
}, 10000)
local clist = comp and comp[client_id] and comp[client_id].result
for _, item in ipairs(clist and (clist.items or clist) or {}) do out('completion: ' .. item.label .. ' — ' .. (item.detail or '')) end

-- the update action on a line IT_UPDATE_LINE (0-based) names, applied before the pin
local update_line = tonumber(os.getenv('IT_UPDATE_LINE') or '')
if update_line then
  local ua = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = { line = update_line, character = 6 }, ['end'] = { line = update_line, character = 6 } },
    context = { diagnostics = {} },
  }, 10000)
  local update
  for _, a in ipairs(ua and ua[client_id] and ua[client_id].result or {}) do
    if a.kind == 'refactor.rewrite.imageTrust.update' then update = a end
  end
  if not update then return fail('no update action on line ' .. (update_line + 1)) end
  out('update: ' .. update.title)
  vim.lsp.util.apply_workspace_edit(update.edit, client.offset_encoding or 'utf-16')
end

local ca = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
  textDocument = vim.lsp.util.make_text_document_params(bufnr),
  range = { start = { line = 0, character = 7 }, ['end'] = { line = 0, character = 7 } },
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, 0) },
}, 10000)
local actions = ca and ca[client_id] and ca[client_id].result or {}
local chosen
for _, a in ipairs(actions) do
  out('action: ' .. a.title .. (a.isPreferred and ' (preferred)' or ''))
  if a.isPreferred and not chosen then chosen = a end
end
if not chosen then return fail('no preferred quick fix') end
vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
vim.cmd('silent write! ' .. vim.fn.fnameescape(os.getenv('IT_OUT')))
out('applied: ' .. chosen.title)

vim.lsp.stop_client(client_id)
vim.wait(3000, function() return client.is_stopped() end, 10)
vim.cmd('qall!')
