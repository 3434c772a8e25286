(function () {
  'use strict';

  // Everything this script reads is data: the JSON block is parsed, never
  // evaluated, and every string from it reaches the page as text (or, in
  // chart tooltips, HTML-escaped by esc below).
  var dataEl = document.getElementById('report-data');
  if (!dataEl) { return; }
  var data = JSON.parse(dataEl.textContent);
  var client = data.client;
  var cats = client.categories;
  var comps = client.competitors;
  var colors = client.colors;
  var charts = {};

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (ch) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch];
    });
  }
  function axisLabel(x) { return (x !== null && typeof x === 'object') ? x.value : x; }
  function fmt1(x) { return (Math.round(x * 10) / 10).toFixed(1); }

  function heatTooltip(option) {
    var xs = option.xAxis[0].data || [];
    var ys = option.yAxis[0].data || [];
    return function (p) {
      var v = p.value || [];
      var score = v[2] === '-' || v[2] === undefined ? 'not scored' : 'score ' + fmt1(v[2]);
      return '<strong>' + esc(axisLabel(xs[v[0]])) + '</strong><br>' +
        esc(axisLabel(ys[v[1]])) + ': ' + esc(p.name) + '<br>' + esc(score);
    };
  }

  function initCharts() {
    if (typeof echarts === 'undefined') {
      Array.prototype.forEach.call(document.querySelectorAll('.chart'), function (el) {
        el.textContent = 'The chart could not be drawn; the table below has the same figures.';
      });
      return;
    }
    var pending = 0;
    // data-charts-ready tells printers and tests that every chart has been
    // drawn once (milliseconds since navigation start).
    function drawn() {
      pending--;
      if (pending === 0) {
        document.body.setAttribute('data-charts-ready', String(Math.round(performance.now())));
      }
    }
    var specs = {};
    ['leaderboard', 'radar', 'heatmap'].forEach(function (key) { specs[key] = data.charts[key]; });
    (data.charts.trends || []).forEach(function (spec, i) { specs['trend' + i] = spec; });
    var keys = Object.keys(specs).filter(function (key) {
      var spec = specs[key];
      return spec && document.getElementById(spec.id);
    });
    pending = keys.length;
    keys.forEach(function (key) {
      var spec = specs[key];
      var el = document.getElementById(spec.id);
      var option = spec.option;
      option.textStyle = { fontFamily: getComputedStyle(document.body).fontFamily };
      if (key === 'heatmap' && option.tooltip) {
        option.tooltip.formatter = heatTooltip(option);
      }
      if (key === 'heatmap' && el.clientWidth < 520 && option.xAxis[0].axisLabel) {
        option.xAxis[0].axisLabel.rotate = 60;
        option.xAxis[0].axisLabel.width = 90;
      }
      if (key === 'radar' && option.radar && el.clientWidth < 520) {
        // Leave room for the axis names on a phone.
        option.radar.radius = '52%';
        option.radar.axisName = option.radar.axisName || {};
        option.radar.axisName.width = 76;
        option.radar.axisName.overflow = 'break';
      }
      var chart = echarts.init(el, null, { renderer: 'canvas' });
      var once = function () { chart.off('finished', once); drawn(); };
      chart.on('finished', once);
      chart.setOption(option);
      charts[key] = chart;
    });
    var timer = null;
    window.addEventListener('resize', function () {
      clearTimeout(timer);
      timer = setTimeout(resizeAll, 120);
    });
  }
  function resizeAll() {
    Object.keys(charts).forEach(function (k) { charts[k].resize(); });
  }

  // ---- what-if weights ----
  var sliders = Array.prototype.slice.call(document.querySelectorAll('input.weight'));
  var table = document.getElementById('leaderboard-table');
  var tbody = table ? table.tBodies[0] : null;
  var rowsById = {};
  if (tbody) {
    Array.prototype.forEach.call(tbody.rows, function (tr) { rowsById[tr.getAttribute('data-id')] = tr; });
  }

  function multipliers() {
    return sliders.map(function (s) { return Number(s.value) / 100; });
  }

  // ranking returns the competitors in rank order with their overall score
  // and rank under the given category multipliers. At the rubric's weights
  // it is the scorecard's own ranking.
  function ranking(mult) {
    var isDefault = mult.every(function (m) { return m === 1; });
    var rows = comps.map(function (c, idx) {
      if (isDefault) { return { c: c, idx: idx, overall: c.overall, rank: c.rank }; }
      var num = 0, den = 0;
      c.scores.forEach(function (s, i) {
        var w = cats[i].weight * mult[i];
        if (s !== null && w > 0) { num += s * w; den += w; }
      });
      return { c: c, idx: idx, overall: den > 0 ? num / den : 0, rank: 0 };
    });
    if (isDefault) { return rows; }
    rows.sort(function (a, b) {
      var d = b.overall - a.overall;
      if (Math.abs(d) > 1e-9) { return d; }
      return a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0;
    });
    rows.forEach(function (r, i) {
      r.rank = (i > 0 && Math.abs(rows[i - 1].overall - r.overall) <= 1e-9) ? rows[i - 1].rank : i + 1;
    });
    return rows;
  }

  function barColor(c) {
    if (c.self) { return c.low ? colors.self_low : colors.self; }
    return c.low ? colors.other_low : colors.other;
  }

  function updateLeaderboard(rows) {
    if (tbody) {
      rows.forEach(function (r) {
        var tr = rowsById[r.c.id];
        if (!tr) { return; }
        var rankCell = tr.querySelector('.rank');
        rankCell.textContent = String(r.rank);
        if (r.rank !== r.c.rank) {
          var was = document.createElement('span');
          was.className = 'muted small';
          was.textContent = ' (' + r.c.rank + ')';
          was.title = 'Rank at the rubric weights';
          rankCell.appendChild(was);
          tr.classList.add('moved');
        } else {
          tr.classList.remove('moved');
        }
        var strong = tr.querySelector('.overall strong');
        if (strong) { strong.textContent = fmt1(r.overall); }
        tbody.appendChild(tr);
      });
    }
    if (charts.leaderboard) {
      charts.leaderboard.setOption({
        yAxis: [{
          data: rows.map(function (r) {
            return r.c.self ? { value: r.c.name, textStyle: { color: colors.self } } : r.c.name;
          })
        }],
        series: [{
          data: rows.map(function (r) {
            return { name: r.c.name, value: Math.round(r.overall * 10) / 10, itemStyle: { color: barColor(r.c), borderRadius: 3 } };
          })
        }]
      });
    }
  }

  function radarSeries(rows) {
    var self = null, rival = null;
    rows.forEach(function (r) {
      if (r.c.self && !self) { self = r; } else if (!r.c.self && !rival) { rival = r; }
    });
    var list = [];
    if (self) {
      list.push({ name: self.c.name, values: self.c.scores });
      if (rival) {
        list.push({ name: (rival.rank === 1 ? 'Leader: ' : 'Best rival: ') + rival.c.name, values: rival.c.scores });
      }
      list.push({ name: 'Field average', values: client.field_average });
    } else {
      rows.slice(0, 3).forEach(function (r) { list.push({ name: r.c.name, values: r.c.scores }); });
    }
    return list;
  }

  function updateRadar(rows) {
    var list = radarSeries(rows);
    if (charts.radar) {
      charts.radar.setOption({
        legend: { data: list.map(function (s) { return s.name; }) },
        series: list.map(function (s) {
          return {
            name: s.name,
            data: [{
              name: s.name,
              value: s.values.map(function (v) { return v === null ? '-' : Math.round(v * 10) / 10; })
            }]
          };
        })
      });
    }
    var rt = document.getElementById('radar-table');
    if (!rt) { return; }
    Array.prototype.forEach.call(rt.tBodies[0].rows, function (tr, i) {
      var s = list[i];
      if (!s) { return; }
      tr.cells[0].textContent = s.name;
      s.values.forEach(function (v, j) {
        if (tr.cells[j + 1]) { tr.cells[j + 1].textContent = v === null ? '—' : fmt1(v); }
      });
    });
  }

  function updateOutputs(mult) {
    var total = 0;
    cats.forEach(function (c, i) { total += c.weight * mult[i]; });
    sliders.forEach(function (s, i) {
      var out = document.getElementById(s.id + '-out');
      if (!out) { return; }
      var share = total > 0 ? Math.round(cats[i].weight * mult[i] / total * 100) : 0;
      out.textContent = '×' + mult[i].toFixed(2).replace(/0$/, '') + ' · ' + share + '%';
      s.setAttribute('aria-valuetext', cats[i].name + ': ' + share + ' percent of the total weight');
    });
  }

  function update() {
    var mult = multipliers();
    var rows = ranking(mult);
    updateOutputs(mult);
    updateLeaderboard(rows);
    updateRadar(rows);
    var changed = mult.some(function (m) { return m !== 1; });
    var panel = document.querySelector('.whatif');
    if (panel) { panel.classList.toggle('changed', changed); }
    var status = document.getElementById('whatif-status');
    if (status) {
      status.textContent = changed
        ? 'What-if weights: ' + rows[0].c.name + ' leads with ' + fmt1(rows[0].overall) + '.'
        : 'Rubric weights.';
    }
  }

  sliders.forEach(function (s) {
    s.addEventListener('input', update);
    s.addEventListener('change', update);
  });
  var reset = document.getElementById('reset-weights');
  if (reset) {
    reset.addEventListener('click', function () {
      sliders.forEach(function (s) { s.value = '100'; });
      update();
    });
  }

  // ---- cards and printing ----
  function setCards(open) {
    Array.prototype.forEach.call(document.querySelectorAll('details.card'), function (d) { d.open = open; });
  }
  var expand = document.getElementById('expand-all');
  if (expand) { expand.addEventListener('click', function () { setCards(true); }); }
  var collapse = document.getElementById('collapse-all');
  if (collapse) { collapse.addEventListener('click', function () { setCards(false); }); }
  var wasOpen = [];
  window.addEventListener('beforeprint', function () {
    wasOpen = [];
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) {
      wasOpen.push([d, d.open]);
      d.open = true;
    });
    resizeAll();
  });
  window.addEventListener('afterprint', function () {
    wasOpen.forEach(function (p) { p[0].open = p[1]; });
    resizeAll();
  });

  initCharts();
  if (sliders.length) { updateOutputs(multipliers()); }
}());
