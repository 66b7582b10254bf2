"""The one page of ``fincheck serve`` and its script (served as ``/app.js``: the page's
Content-Security-Policy allows no inline script). Texts from the input reach the page only
through ``textContent``; evidence fragments come escaped from the server."""

from __future__ import annotations

from ..render.evidence import CSS as EVIDENCE_CSS
from ..render.html import CSS as REPORT_CSS
from .uploads import accepted

STYLE = """
body{margin:1.2rem}.drop{border:2px dashed #999;border-radius:8px;padding:1.2rem;text-align:center;color:#555}
.drop.over{background:#eef6ff;border-color:#0277bd}
.bar{display:flex;gap:.8rem;flex-wrap:wrap;align-items:center;margin:.5rem 0}
#files td{padding:.15rem .5rem}#files progress{width:10rem}
#messages li{color:#c62828}.state-error{color:#c62828}.state-done{color:#2e7d32}
th[data-sort]{cursor:pointer;user-select:none}th[data-sort]::after{content:" ⇅";color:#aaa}
tr.evidence-row td{background:#fafafa}
a.button,button{font:inherit;padding:.25rem .7rem}
"""

PAGE = f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fincheck</title><style>{REPORT_CSS}{EVIDENCE_CSS}{STYLE}</style></head>
<body><div class="fincheck">
<h1>fincheck</h1>
<div class="bar">
<label>语言 / language <select id="lang"><option value="zh">中文</option><option value="en">English</option></select></label>
<button id="end" type="button">结束会话 / end session</button>
<span class="muted">只在本机运行，文件不离开本机 · runs on this computer only; files never leave it</span>
</div>
<div class="drop" id="drop">
<p>把报表文件或文件夹拖到这里 · drop report files or a folder here</p>
<p><input type="file" id="pick" multiple accept="{accepted().replace(" ", ",")}">
<input type="file" id="pick-folder" webkitdirectory multiple></p>
<p class="muted">{accepted()}</p>
</div>
<ul id="messages"></ul>
<table class="fc" id="files"><tbody></tbody></table>
<div class="bar"><button id="check" type="button" disabled>检查 / check</button>
<button id="clear" type="button">清除文件 / clear files</button><span id="status" class="muted"></span></div>
<section id="results" hidden>
<p class="summary" id="summary"></p>
<div class="bar" id="downloads">
<a class="button" href="/download/report.html" download>HTML</a>
<a class="button" href="/download/findings.csv" download>CSV</a>
<a class="button" href="/download/report.json" download>JSON</a>
<a class="button" id="marked" href="/download/marked.zip" download hidden>标注副本 / marked copies (zip)</a>
</div>
<div class="filters" id="filters"></div>
<p><span id="shown">0</span> / <span id="total">0</span></p>
<table class="fc" id="findings"><thead><tr></tr></thead><tbody></tbody></table>
</section>
</div><script src="/app.js"></script></body></html>
"""

SCRIPT = r"""
(function(){
  'use strict';
  var H = {'X-Fincheck': '1'};
  var $ = function(id){ return document.getElementById(id); };
  var uploading = 0, findings = [], sortKey = null, sortDir = 1, polling = null;
  var COLS = ['severity', 'rule', 'report', 'table', 'location', 'stated', 'expected', 'difference', 'message'];
  var FILTERS = ['severity', 'rule', 'report', 'table'];

  function el(tag, text, cls){ var e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; }
  function say(text){ $('messages').appendChild(el('li', text)); }
  function size(n){ return n > 1048576 ? (n / 1048576).toFixed(1) + ' MB' : Math.ceil(n / 1024) + ' KB'; }

  function fileRow(name){
    var id = 'file-' + encodeURIComponent(name);
    var tr = document.getElementById(id);
    if (!tr) {
      tr = el('tr'); tr.id = id; tr.dataset.name = name;
      tr.appendChild(el('td', name)); tr.appendChild(el('td', ''));
      var td = el('td'); var p = el('progress'); p.max = 100; p.value = 0; td.appendChild(p); tr.appendChild(td);
      tr.appendChild(el('td', '', 'state'));
      $('files').tBodies[0].appendChild(tr);
    }
    return tr;
  }

  function upload(file, name){
    return new Promise(function(resolve){
      var tr = fileRow(name), bar = tr.querySelector('progress'), state = tr.querySelector('.state');
      tr.cells[1].textContent = size(file.size);
      state.textContent = '…'; state.className = 'state';
      var xhr = new XMLHttpRequest();
      xhr.open('PUT', '/api/files?name=' + encodeURIComponent(name) + '&lang=' + $('lang').value);
      xhr.setRequestHeader('X-Fincheck', '1');
      xhr.upload.onprogress = function(e){ if (e.lengthComputable) bar.value = 100 * e.loaded / e.total; };
      xhr.onload = function(){
        if (xhr.status === 200) { bar.value = 100; state.textContent = '已上传 uploaded'; }
        else { var msg = errorOf(xhr); state.textContent = msg; state.className = 'state state-error'; say(msg); tr.dataset.refused = '1'; }
        resolve();
      };
      xhr.onerror = function(){ var msg = name + ($('lang').value === 'zh' ? '：上传失败（连接已断开）' : ': upload failed (connection closed)'); state.textContent = msg; state.className = 'state state-error'; say(msg); tr.dataset.refused = '1'; resolve(); };
      xhr.send(file);
    });
  }
  function errorOf(xhr){ try { return JSON.parse(xhr.responseText).error; } catch (e) { return 'HTTP ' + xhr.status; } }

  async function addFiles(list){
    $('messages').textContent = '';
    uploading += 1; $('check').disabled = true;
    for (var i = 0; i < list.length; i++) { await upload(list[i].file, list[i].name); }
    uploading -= 1;
    if (!uploading) { startCheck(); }
  }

  function entries(entry, out){
    return new Promise(function(resolve){
      if (entry.isFile) { entry.file(function(f){ out.push({file: f, name: entry.fullPath.replace(/^\//, '')}); resolve(); }, function(){ resolve(); }); return; }
      var reader = entry.createReader(), all = [];
      (function more(){ reader.readEntries(async function(batch){
        if (!batch.length) { for (var j = 0; j < all.length; j++) { await entries(all[j], out); } resolve(); return; }
        all = all.concat(Array.prototype.slice.call(batch)); more();
      }, function(){ resolve(); }); })();
    });
  }

  var drop = $('drop');
  drop.addEventListener('dragover', function(e){ e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', function(){ drop.classList.remove('over'); });
  drop.addEventListener('drop', async function(e){
    e.preventDefault(); drop.classList.remove('over');
    var out = [], items = e.dataTransfer.items;
    if (items && items.length && items[0].webkitGetAsEntry) {
      var list = [];
      for (var i = 0; i < items.length; i++) { var en = items[i].webkitGetAsEntry(); if (en) list.push(en); }
      for (var k = 0; k < list.length; k++) { await entries(list[k], out); }
    } else {
      Array.prototype.forEach.call(e.dataTransfer.files, function(f){ out.push({file: f, name: f.name}); });
    }
    addFiles(out);
  });
  function picked(input){ return function(){
    var out = Array.prototype.map.call(input.files, function(f){ return {file: f, name: f.webkitRelativePath || f.name}; });
    input.value = ''; addFiles(out);
  }; }
  $('pick').addEventListener('change', picked($('pick')));
  $('pick-folder').addEventListener('change', picked($('pick-folder')));

  function startCheck(){
    fetch('/api/check?lang=' + $('lang').value, {method: 'POST', headers: H}).then(function(r){
      return r.json().then(function(body){
        if (!r.ok) { if (r.status !== 409) { $('status').textContent = body.error; } $('check').disabled = false; return; }
        poll();
      });
    });
  }
  $('check').addEventListener('click', startCheck);
  $('lang').addEventListener('change', function(){ if (Object.keys(findings).length || $('results').hidden === false) startCheck(); });
  $('clear').addEventListener('click', function(){
    fetch('/api/files?lang=' + $('lang').value, {method: 'DELETE', headers: H}).then(function(r){ return r.json(); }).then(function(body){
      if (body.error) { say(body.error); return; }
      $('files').tBodies[0].textContent = ''; $('results').hidden = true; $('check').disabled = true; $('status').textContent = '';
    });
  });
  $('end').addEventListener('click', function(){
    fetch('/api/end?lang=' + $('lang').value, {method: 'POST', headers: H}).then(function(){
      document.body.textContent = '';
      document.body.appendChild(el('p', '会话已结束，文件已删除 · session ended, files removed'));
    });
  });

  function poll(){
    if (polling) clearTimeout(polling);
    fetch('/api/status').then(function(r){ return r.json(); }).then(function(s){
      if (s.error) { $('status').textContent = s.error; return; }
      s.files.forEach(function(f){
        var tr = fileRow(f.name), st = tr.querySelector('.state'), bar = tr.querySelector('progress');
        tr.cells[1].textContent = size(f.size); delete tr.dataset.refused;
        var text = {queued: '等待 waiting', done: '完成 done', error: f.error, uploaded: '已上传 uploaded'}[f.state] || f.state;
        st.textContent = text; st.className = 'state state-' + f.state; tr.dataset.state = f.state;
        if (f.state === 'done' || f.state === 'error') bar.value = 100;
      });
      $('check').disabled = s.status === 'running' || !s.files.length;
      $('status').textContent = s.status === 'running' ? '检查中… checking…' : (s.message || '');
      if (s.status === 'running') { polling = setTimeout(poll, 400); }
      else if (s.status === 'done') { loadFindings(); }
    });
  }

  function loadFindings(){
    fetch('/api/findings').then(function(r){ return r.json(); }).then(function(data){
      if (data.error) { $('status').textContent = data.error; return; }
      findings = data.findings;
      $('summary').textContent = data.summary;
      $('marked').hidden = !data.markable;
      $('results').hidden = false;
      var head = $('findings').tHead.rows[0]; head.textContent = '';
      COLS.forEach(function(k){
        var th = el('th', data.labels[k] || k); th.dataset.sort = k;
        if (['stated', 'expected', 'difference'].indexOf(k) >= 0) th.className = 'num';
        th.addEventListener('click', function(){ sortDir = sortKey === k ? -sortDir : 1; sortKey = k; render(); });
        head.appendChild(th);
      });
      head.appendChild(el('th', ''));
      var box = $('filters'); box.textContent = '';
      FILTERS.forEach(function(k){
        var values = Array.from(new Set(findings.map(function(f){ return f[k]; }))).sort();
        var label = el('label', (data.labels[k] || k) + ' '), sel = el('select'); sel.dataset.filter = k;
        var all = el('option', data.labels.all || 'all'); all.value = ''; sel.appendChild(all);
        values.forEach(function(v){ var o = el('option', k === 'severity' ? labelOf(v) : v); o.value = v; sel.appendChild(o); });
        sel.addEventListener('change', render); label.appendChild(sel); box.appendChild(label);
      });
      $('total').textContent = String(findings.length);
      render();
    });
  }
  function labelOf(sev){ var f = findings.find(function(x){ return x.severity === sev; }); return f ? f.severity_label : sev; }

  var ORDER = {error: 0, warning: 1, info: 2};
  function value(f, k){
    if (k === 'severity') return ORDER[f.severity];
    if (k === 'location') return f.where;
    if (f.sort && k in f.sort) return f.sort[k] == null ? -Infinity : f.sort[k];
    return f[k];
  }
  function render(){
    var want = {};
    document.querySelectorAll('#filters select').forEach(function(s){ want[s.dataset.filter] = s.value; });
    var rows = findings.filter(function(f){ return Object.keys(want).every(function(k){ return !want[k] || f[k] === want[k]; }); });
    if (sortKey) rows = rows.slice().sort(function(a, b){ var x = value(a, sortKey), y = value(b, sortKey); return (x < y ? -1 : x > y ? 1 : 0) * sortDir; });
    var body = $('findings').tBodies[0]; body.textContent = '';
    rows.forEach(function(f){
      var tr = el('tr'); tr.className = 'finding'; tr.dataset.index = f.index; tr.dataset.rule = f.rule; tr.dataset.severity = f.severity;
      tr.appendChild(el('td', f.severity_label, 'sev sev-' + f.severity));
      var rule = el('td', f.rule); rule.title = f.name; tr.appendChild(rule);
      tr.appendChild(el('td', f.report)); tr.appendChild(el('td', f.table));
      var where = el('td', null, 'where'); where.appendChild(el('code', f.where));
      if (f.related.length) where.appendChild(document.createTextNode(' ← ' + f.related.join(', ')));
      tr.appendChild(where);
      ['stated', 'expected', 'difference'].forEach(function(k){ tr.appendChild(el('td', f[k], 'num')); });
      tr.appendChild(el('td', f.message));
      var td = el('td'), btn = el('button', '原文 evidence'); btn.type = 'button'; btn.className = 'show-evidence';
      btn.addEventListener('click', function(){ toggle(tr, f.index); });
      td.appendChild(btn); tr.appendChild(td);
      body.appendChild(tr);
    });
    $('shown').textContent = String(rows.length);
  }
  function toggle(tr, index){
    var next = tr.nextElementSibling;
    if (next && next.classList.contains('evidence-row')) { next.remove(); return; }
    var row = el('tr', null, 'evidence-row'), td = el('td', '…'); td.colSpan = COLS.length + 1; row.appendChild(td);
    tr.after(row);
    fetch('/api/evidence/' + index).then(function(r){ return r.text(); }).then(function(html){
      td.innerHTML = html;  // escaped by the server (render.evidence)
    });
  }

  poll();
})();
"""
