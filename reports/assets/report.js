(function () {
  'use strict';

  // Everything this script reads is data: the JSON block is parsed, never
  // evaluated; every string from it or from the URL reaches the page as
  // text (textContent, or HTML-escaped by esc in chart tooltips). Evidence
  // shown twice is cloned from the page's own escaped markup.
  var dataEl = document.getElementById('report-data');
  if (!dataEl) { return; }
  var data = JSON.parse(dataEl.textContent);
  var client = data.client;
  var cats = client.categories;
  var comps = client.competitors;
  var colors = client.colors;
  var charts = {};
  var specs = {};

  // Competitor index by id, safe for any id (no prototype keys).
  var byId = Object.create(null);
  comps.forEach(function (c, i) { byId[c.id] = i; });
  // Criteria across categories, in rubric order (k).
  var crits = [];
  cats.forEach(function (cat, ci) {
    (cat.criteria || []).forEach(function (cr) {
      crits.push({ cat: ci, name: cr.name, weight: cr.weight > 0 ? cr.weight : 0 });
    });
  });
  var selfIdx = -1;
  comps.forEach(function (c, i) { if (c.self && selfIdx < 0) { selfIdx = i; } });

  // ---- formatting, as the Go side does it ----
  function round1(x) { var r = (x < 0 ? -1 : 1) * Math.round(Math.abs(x) * 10) / 10; return r === 0 ? 0 : r; }
  function fmt1(x) { return round1(x).toFixed(1); }
  function signed(x) {
    var r = round1(x);
    if (r > 0) { return '+' + r.toFixed(1); }
    if (r === 0) { return '0.0'; }
    return '\u2212' + (-r).toFixed(1);
  }
  function pct(x) { return Math.round(x * 100) + '%'; }
  function bucket(s) {
    if (s === null || s === undefined) { return 'na'; }
    if (s >= 80) { return 's4'; }
    if (s >= 60) { return 's3'; }
    if (s >= 40) { return 's2'; }
    if (s >= 20) { return 's1'; }
    return 's0';
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (ch) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch];
    });
  }
  function axisLabel(x) { return (x !== null && typeof x === 'object') ? x.value : x; }
  function byID(id) { return document.getElementById(id); }
  function setText(id, text) { var el = byID(id); if (el) { el.textContent = text; } }

  // el builds an element from trusted tag and class names; children are
  // nodes or strings (added as text).
  function el(tag, cls, children) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }
  function pill(score) {
    return el('span', 'pill ' + bucket(score), [score === null || score === undefined ? 'n/a' : fmt1(score)]);
  }

  // ---- the field: the same computations as reports/model.go ----

  // weightsOf turns slider values (0–300) into category weights. Slider
  // values are first divided by their greatest common divisor, so weights
  // scaled by one factor give bit-identical sums, hence the same ranks.
  function gcd(a, b) { while (b) { var t = a % b; a = b; b = t; } return a; }
  function weightsOf(values) {
    var g = 0;
    values.forEach(function (v) { if (v > 0) { g = gcd(g, v); } });
    var mult = values.map(function (v) { return g > 0 ? v / g : 0; });
    return {
      mult: mult,
      none: g === 0,
      rubric: g > 0 && mult.every(function (m) { return m === 1; }),
      w: cats.map(function (c, i) { return (c.weight > 0 ? c.weight : 0) * mult[i]; })
    };
  }
  function rankKey(x) { return Math.round(x * 10); }

  // standings: every competitor's overall, coverage, low flag and rank
  // under weights W; the scorecard's own at the rubric's weights. order
  // lists competitor indexes by rank (scorecard order on a tie).
  function standings(W) {
    var st = comps.map(function (c) {
      if (W.rubric) { return { overall: c.overall, coverage: c.coverage, low: c.low, rank: c.rank }; }
      if (W.none) { return { overall: null, coverage: 0, low: c.low, rank: null }; }
      var sum = 0, wsum = 0, cov = 0, wall = 0;
      c.scores.forEach(function (s, i) {
        var w = W.w[i];
        if (w > 0) { wall += w; cov += w * c.cat_cov[i]; }
        if (s !== null && w > 0) { sum += w * s; wsum += w; }
      });
      var coverage = wall > 0 ? cov / wall : 0;
      return {
        overall: wsum > 0 ? sum / wsum : 0,
        coverage: coverage,
        low: coverage < client.min_coverage - 1e-9 || coverage === 0,
        rank: 0
      };
    });
    if (!W.rubric && !W.none) {
      var keys = st.map(function (s) { return rankKey(s.overall); });
      st.forEach(function (s, i) {
        var r = 1;
        keys.forEach(function (k) { if (k > keys[i]) { r++; } });
        s.rank = r;
      });
    }
    var order = comps.map(function (c, i) { return i; });
    if (!W.none) {
      order.sort(function (a, b) { return (st[a].rank - st[b].rank) || (a - b); });
    }
    return { st: st, order: order };
  }
  function firstEligible(S, skip) {
    for (var j = 0; j < S.order.length; j++) {
      var i = S.order[j];
      if (i !== skip && !S.st[i].low) { return i; }
    }
    return -1;
  }
  function overallOf(crit, W) {
    var sum = 0, wsum = 0, k = 0;
    cats.forEach(function (cat, ci) {
      var csum = 0, cw = 0;
      (cat.criteria || []).forEach(function () {
        var s = crit[k], w = crits[k].weight;
        if (s !== null && w > 0) { csum += w * s; cw += w; }
        k++;
      });
      if (cw > 0 && W.w[ci] > 0) { sum += W.w[ci] * (csum / cw); wsum += W.w[ci]; }
    });
    return wsum > 0 ? sum / wsum : null;
  }
  function bestAt(S, k, subject) {
    var best = -1;
    S.order.forEach(function (i) {
      var s = comps[i].crit[k];
      if (i === subject || S.st[i].low || s === null) { return; }
      if (best < 0 || s > comps[best].crit[k]) { best = i; }
    });
    return best;
  }
  function gains(subject, W, target) {
    var mine = comps[subject].crit;
    var base = overallOf(mine, W);
    if (base === null) { base = 0; }
    var out = [];
    var trial = mine.slice();
    crits.forEach(function (cr, k) {
      var t = target(k);
      if (t < 0 || comps[t].crit[k] === null) { return; }
      var theirs = comps[t].crit[k];
      if (mine[k] !== null && mine[k] >= theirs) { return; }
      trial[k] = theirs;
      var after = overallOf(trial, W);
      trial[k] = mine[k];
      var p = (after === null ? 0 : after) - base;
      if (p >= 0.05) { out.push({ k: k, target: t, points: p, i: out.length }); }
    });
    out.sort(function (a, b) { return (b.points - a.points) || (a.i - b.i); });
    return out;
  }
  function together(S, subject, gs, W) {
    var mine = comps[subject].crit;
    var base = overallOf(mine, W);
    var trial = mine.slice();
    gs.forEach(function (g) { trial[g.k] = comps[g.target].crit[g.k]; });
    var after = overallOf(trial, W);
    var overall = S.st[subject].overall + ((after === null ? 0 : after) - (base === null ? 0 : base));
    var rank = 1;
    S.st.forEach(function (s, i) { if (i !== subject && rankKey(s.overall) > rankKey(overall)) { rank++; } });
    return { overall: overall, rank: rank };
  }
  function critShare(k, W) {
    var total = 0;
    W.w.forEach(function (w) { total += w; });
    var ci = crits[k].cat, ct = 0;
    crits.forEach(function (cr) { if (cr.cat === ci) { ct += cr.weight; } });
    return total > 0 && ct > 0 ? W.w[ci] / total * crits[k].weight / ct : 0;
  }
  function effectiveShare(subject, ci, W) {
    var c = comps[subject];
    if (c.scores[ci] === null || W.w[ci] <= 0) { return 0; }
    var total = 0;
    c.scores.forEach(function (s, i) { if (s !== null && W.w[i] > 0) { total += W.w[i]; } });
    return W.w[ci] / total;
  }

  // ---- evidence, cloned from the competitor cards ----
  var rowCache = Object.create(null);
  function cardRow(i, k) {
    var id = comps[i].id;
    if (!rowCache[id]) {
      rowCache[id] = [];
      var card = byID('c-' + id);
      if (card) {
        Array.prototype.forEach.call(card.querySelectorAll('tr[data-k]'), function (tr) {
          rowCache[id][Number(tr.getAttribute('data-k'))] = tr;
        });
      }
    }
    return rowCache[id][k] || null;
  }
  function evidenceNode(i, k) {
    var tr = cardRow(i, k);
    var ev = tr ? tr.querySelector('.evidence') : null;
    return ev ? ev.cloneNode(true) : el('p', 'muted small no-evidence', ['No evidence found on the pages fetched.']);
  }
  function sideNode(i, k) {
    var c = comps[i];
    return el('div', 'side' + (c.self ? ' side-self' : ''), [
      el('p', 'side-head', [el('span', 'side-name', [c.name]), ' ', el('span', 'side-value', [c.values[k]]), ' ', pill(c.crit[k])]),
      evidenceNode(i, k)
    ]);
  }

  // ---- the verdict ----
  function togetherWord(n) {
    if (n === 1) { return 'This change'; }
    if (n === 2) { return 'Both changes together'; }
    return 'All ' + n + ' changes together';
  }
  function renderVerdict(S, W) {
    var box = byID('verdict');
    if (!box) { return; }
    var st = S.st;
    var self = -1;
    S.order.forEach(function (i) { if (comps[i].self && self < 0) { self = i; } });
    var leader = W.none ? -1 : firstEligible(S, -1);
    var subject = self, mode = 'self', headline = '', note = '';
    if (W.none) {
      setText('verdict-headline', 'All category weights are 0: nothing is scored, ranked or led.');
      ['kpi-rank', 'kpi-overall', 'kpi-gap'].forEach(function (id) { setText(id, '\u2014'); });
      setText('kpi-gap-label', 'No leader to compare with');
      setClass('kpi-gap-box', 'kpi kpi-na');
      setList([], '', '', '', '');
      return;
    }
    if (self < 0) {
      if (leader < 0) { return; }
      mode = 'leader';
      subject = leader;
    }
    var s = comps[subject], ss = st[subject];
    var runnerUp = firstEligible(S, leader);
    var gap = '\u2014', gapLabel, gapClass = 'na';
    if (leader < 0) {
      gapLabel = 'No leader to compare with';
    } else if (subject === leader && runnerUp >= 0) {
      gap = signed(ss.overall - st[runnerUp].overall); gapLabel = 'ahead of ' + comps[runnerUp].name; gapClass = 'lead';
    } else if (subject === leader) {
      gapLabel = 'No rival with enough coverage';
    } else if (ss.rank === st[leader].rank) {
      gap = signed(0); gapLabel = 'level with ' + comps[leader].name; gapClass = 'even';
    } else if (ss.rank < st[leader].rank) {
      gap = signed(ss.overall - st[leader].overall); gapLabel = 'ahead of ' + comps[leader].name + ', the best-ranked with enough data'; gapClass = 'lead';
    } else {
      gap = signed(ss.overall - st[leader].overall); gapLabel = 'behind the leader, ' + comps[leader].name; gapClass = 'lag';
    }
    if (mode === 'leader') {
      if (runnerUp >= 0) {
        headline = s.name + ' leads with ' + fmt1(ss.overall) + ', ' + fmt1(Math.abs(ss.overall - st[runnerUp].overall)) +
          ' points ahead of ' + comps[runnerUp].name + ' (' + fmt1(st[runnerUp].overall) + ').';
      } else {
        headline = s.name + ' leads with ' + fmt1(ss.overall) + '; no other competitor has data on enough of the rubric to compare.';
      }
    } else {
      var head = s.name + ' ranks #' + ss.rank + ' of ' + comps.length + ' with ' + fmt1(ss.overall);
      if (leader < 0) {
        headline = head + '.';
      } else if (subject === leader && runnerUp >= 0) {
        headline = head + ' and leads, ' + fmt1(ss.overall - st[runnerUp].overall) + ' points ahead of ' +
          comps[runnerUp].name + ' (' + fmt1(st[runnerUp].overall) + ').';
      } else if (subject === leader) {
        headline = head + ' and leads.';
      } else if (ss.rank === st[leader].rank) {
        headline = head + ', level with ' + comps[leader].name + '.';
      } else if (ss.rank < st[leader].rank) {
        headline = head + ', ' + fmt1(ss.overall - st[leader].overall) + ' points ahead of ' + comps[leader].name + ' (' +
          fmt1(st[leader].overall) + '), the best-ranked competitor with data on enough of the rubric.';
      } else {
        headline = head + ', ' + fmt1(st[leader].overall - ss.overall) + ' points behind the leader, ' +
          comps[leader].name + ' (' + fmt1(st[leader].overall) + ').';
      }
    }
    setText('verdict-headline', headline);
    setText('kpi-rank', '#' + ss.rank);
    setText('kpi-overall', fmt1(ss.overall));
    setText('kpi-gap', gap);
    setText('kpi-gap-label', gapLabel);
    setText('kpi-coverage', pct(ss.coverage));
    var low = byID('kpi-low');
    if (low) { low.hidden = !ss.low; }
    setClass('kpi-gap-box', 'kpi kpi-' + gapClass);

    var gs = [], from = subject, title = '', mnote = '', none = '';
    if (mode === 'self') {
      title = 'The changes worth the most points';
      gs = gains(subject, W, function (k) { return bestAt(S, k, subject); });
      none = 'Nothing to catch up: on every criterion, ' + s.name + ' matches or beats the best competitor with data.';
      if (ss.low) {
        note = s.name + "'s data covers only " + pct(ss.coverage) + " of the rubric's weight (the minimum is " +
          pct(client.min_coverage) + '): read this rank with care.';
      }
      if (leader < 0) {
        note = 'No competitor has data on enough of the rubric (' + pct(client.min_coverage) + ' of its weight) to be called the leader.';
      }
    } else if (runnerUp < 0) {
      none = 'No other competitor has data on enough of the rubric to compare with.';
    } else {
      from = runnerUp;
      title = 'What puts ' + s.name + ' ahead of ' + comps[runnerUp].name;
      gs = gains(runnerUp, W, function () { return subject; });
      none = comps[runnerUp].name + ' matches or beats ' + s.name + ' on every criterion both have data on.';
    }
    gs = gs.slice(0, 3);
    var tog = '';
    if (gs.length) {
      var t = together(S, from, gs, W);
      tog = togetherWord(gs.length) + ': ' + signed(t.overall - st[from].overall) + ' points \u2192 ' + fmt1(t.overall) +
        ', rank #' + t.rank + (t.rank !== st[from].rank ? ' (now #' + st[from].rank + ')' : ' (unchanged)');
    }
    var items = gs.map(function (g) {
      var cr = crits[g.k];
      return el('li', 'move', [
        el('div', 'move-head', [
          el('span', 'move-name', [cr.name + ' ', el('span', 'muted', ['\u00b7 ' + cats[cr.cat].name])]),
          el('span', 'move-points', [el('strong', '', [signed(g.points)]), ' points']),
          el('span', 'move-share muted small', [pct(critShare(g.k, W)) + ' of the weight'])
        ]),
        el('div', 'move-sides', [sideNode(from, g.k), sideNode(g.target, g.k)])
      ]);
    });
    setList(items, title, note, none, tog);
    var mt = byID('moves-title');
    if (mt && title) { mt.textContent = title; }
  }
  function setClass(id, cls) { var e = byID(id); if (e) { e.className = cls; } }
  function setList(items, title, note, none, tog) {
    var list = byID('move-list');
    if (list) {
      list.textContent = '';
      items.forEach(function (li) { list.appendChild(li); });
    }
    var n = byID('verdict-note');
    if (n) { n.textContent = note; n.hidden = !note; }
    var e = byID('moves-empty');
    if (e) { e.textContent = none; e.hidden = items.length > 0 || !none; }
    var t = byID('moves-together');
    if (t) { t.textContent = tog; t.hidden = !tog; }
  }

  // ---- leaderboard, cards, gaps ----
  var lbTable = byID('leaderboard-table');
  var lbRows = Object.create(null);
  if (lbTable) {
    Array.prototype.forEach.call(lbTable.tBodies[0].rows, function (tr) { lbRows[tr.getAttribute('data-id')] = tr; });
  }
  function barStyle(c, low) {
    var hatch = { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: Math.PI / 4 };
    if (c.self && low) { hatch.color = colors.self; return { color: colors.self_low, borderColor: colors.self, borderWidth: 1, decal: hatch }; }
    if (c.self) { return { color: colors.self }; }
    if (low) { hatch.color = colors.hatch; return { color: colors.other_low, borderColor: colors.hatch, borderWidth: 1, decal: hatch }; }
    return { color: colors.other };
  }
  function renderLeaderboard(S, W) {
    var leader = W.none ? -1 : firstEligible(S, -1);
    S.order.forEach(function (i) {
      var c = comps[i], s = S.st[i], tr = lbRows[c.id];
      var rankText = W.none ? '\u2014' : String(s.rank);
      var overallText = W.none ? '\u2014' : fmt1(s.overall);
      if (tr) {
        var rc = tr.querySelector('.rank');
        rc.textContent = rankText;
        rc.setAttribute('data-v', W.none ? '' : String(s.rank));
        if (!W.none && s.rank !== c.rank) {
          rc.appendChild(el('span', 'muted small', [' (' + c.rank + ')']));
          tr.classList.add('moved');
        } else {
          tr.classList.remove('moved');
        }
        var ov = tr.querySelector('.overall');
        ov.setAttribute('data-v', W.none ? '' : fmt1(s.overall));
        ov.firstChild.textContent = overallText;
        var cov = tr.querySelector('.coverage');
        cov.setAttribute('data-v', pct(s.coverage));
        cov.querySelector('.cov-text').textContent = pct(s.coverage);
        cov.querySelector('.badge-low').hidden = !s.low;
        tr.querySelector('.tag-leader').hidden = i !== leader;
      }
      var card = byID('c-' + c.id);
      if (card) {
        card.querySelector('.card-rank').textContent = W.none ? '#\u2014' : '#' + s.rank;
        card.querySelector('.card-overall').textContent = overallText;
        card.querySelector('.card-cov').textContent = pct(s.coverage);
      }
    });
    if (lbTable && !applySort(lbTable)) {
      var body = lbTable.tBodies[0];
      S.order.forEach(function (i) { var tr = lbRows[comps[i].id]; if (tr) { body.appendChild(tr); } });
    }
    if (charts.leaderboard) {
      charts.leaderboard.setOption({
        yAxis: [{ data: S.order.map(function (i) {
          var c = comps[i];
          return c.self ? { value: c.name, textStyle: { color: colors.self } } : c.name;
        }) }],
        series: [{ data: S.order.map(function (i) {
          var c = comps[i], s = S.st[i];
          return { name: c.name, value: W.none ? '-' : round1(s.overall), itemStyle: barStyle(c, s.low) };
        }) }]
      });
    }
    document.querySelectorAll('.share[data-cat]').forEach(function (span) {
      var ci = Number(span.getAttribute('data-cat')), total = 0;
      W.w.forEach(function (w) { total += w; });
      span.textContent = total > 0 ? pct(W.w[ci] / total) : '0%';
    });
  }
  function renderGaps(S, W) {
    var table = byID('gaps-table');
    if (!table || selfIdx < 0) { return; }
    var si = selfIdx;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) {
      var ci = Number(tr.getAttribute('data-cat'));
      var best = -1;
      S.order.forEach(function (i) {
        var s = comps[i].scores[ci];
        if (i === si || S.st[i].low || s === null) { return; }
        if (best < 0 || s > comps[best].scores[ci]) { best = i; }
      });
      var mine = comps[si].scores[ci];
      var cls = 'na', gap = 'n/a', points = '\u2014', width = 0;
      if (best >= 0 && mine !== null) {
        var d = mine - comps[best].scores[ci];
        gap = signed(d);
        points = W.none ? '\u2014' : signed(effectiveShare(si, ci, W) * d);
        width = Math.round(Math.min(Math.abs(d), 100));
        cls = d >= 0.05 ? 'lead' : (d > -0.05 ? 'even' : 'lag');
      }
      tr.className = 'gap-' + cls;
      var rival = tr.querySelector('.g-rival');
      rival.textContent = '';
      rival.appendChild(best >= 0 ? document.createTextNode(comps[best].name) : el('span', 'muted', ['none with data']));
      rival.setAttribute('data-v', best >= 0 ? comps[best].name : '');
      var cells = [['.g-best', best >= 0 ? fmt1(comps[best].scores[ci]) : '\u2014'], ['.g-points', points]];
      cells.forEach(function (p) { var td = tr.querySelector(p[0]); td.textContent = p[1]; td.setAttribute('data-v', p[1]); });
      var g = tr.querySelector('.g-gap');
      g.textContent = '';
      g.appendChild(el('strong', '', [gap]));
      g.setAttribute('data-v', gap);
      var bar = tr.querySelector('.gapbar');
      if (bar) { bar.style.width = width + '%'; }
    });
    applySort(table);
  }

  // ---- radar ----
  function radarList(S, W) {
    var list = [];
    var self = -1;
    S.order.forEach(function (i) { if (comps[i].self && self < 0) { self = i; } });
    var leader = W.none ? -1 : firstEligible(S, -1);
    if (self >= 0) {
      list.push({ name: comps[self].name, role: 'self', values: comps[self].scores });
      var rival = leader === self || leader < 0 ? (W.none ? -1 : firstEligible(S, self)) : leader;
      if (rival >= 0) {
        list.push({ name: (rival === leader ? 'Leader: ' : 'Runner-up: ') + comps[rival].name, role: 'leader', values: comps[rival].scores });
      }
      list.push({ name: 'Field average', role: 'field', values: client.field_average });
    } else {
      S.order.forEach(function (i) {
        if (!S.st[i].low && list.length < 3) { list.push({ name: comps[i].name, role: 'top', values: comps[i].scores }); }
      });
    }
    return list;
  }
  var radarStyle = {
    self: { color: colors.self, type: 'solid', width: 3, symbol: 'circle' },
    leader: { color: colors.leader, type: 'dashed', width: 2, symbol: 'diamond' },
    field: { color: colors.field, type: 'dotted', width: 2, symbol: 'triangle' }
  };
  function radarLabels(list) {
    return cats.map(function (cat, i) {
      var missing = list.filter(function (s) { return s.values[i] === null; }).map(function (s) { return s.name; });
      if (!missing.length) { return cat.name; }
      var names = missing.length === 1 ? missing[0] : missing.slice(0, -1).join(', ') + ' and ' + missing[missing.length - 1];
      return cat.name + '\n(n/a: ' + names + ')';
    });
  }
  function renderRadar(S, W) {
    var list = radarList(S, W);
    if (charts.radar) {
      specs.radar.labels = radarLabels(list);
      var n = cats.length;
      charts.radar.setOption({
        legend: { data: list.map(function (s) { return s.name; }) },
        series: list.map(function (s, idx) {
          var st = radarStyle[s.role] || {
            color: colors.top[idx % 3], type: ['solid', 'dashed', 'dotted'][idx % 3], width: 2, symbol: ['circle', 'diamond', 'triangle'][idx % 3]
          };
          var pts = s.values.map(function (v, i) { return [v === null ? '-' : round1(v), i]; });
          if (n) { pts.push([s.values[0] === null ? '-' : round1(s.values[0]), n]); }
          return {
            type: 'line', name: s.name, coordinateSystem: 'polar', data: pts, connectNulls: false,
            symbol: st.symbol, symbolSize: 7, z: 10 - idx,
            lineStyle: { color: st.color, width: st.width, type: st.type }, itemStyle: { color: st.color }
          };
        })
      }, { replaceMerge: ['series'] });
    }
    var rt = byID('radar-table');
    if (!rt) { return; }
    var heads = rt.tHead.rows[0].cells;
    list.forEach(function (s, j) { if (heads[j + 1]) { heads[j + 1].textContent = s.name; } });
    Array.prototype.forEach.call(rt.tBodies[0].rows, function (tr, i) {
      list.forEach(function (s, j) {
        if (tr.cells[j + 1]) { tr.cells[j + 1].textContent = s.values[i] === null ? 'n/a' : fmt1(s.values[i]); }
      });
    });
  }

  // ---- head-to-head ----
  var h2h = { left: -1, right: -1, open: [] };
  function h2hDefault(S) {
    var leader = firstEligible(S, -1);
    var left = selfIdx >= 0 ? selfIdx : Math.max(leader, 0);
    var right = leader;
    if (right === left || right < 0) { right = firstEligible(S, left); }
    if (right < 0) { right = left === 0 ? 1 : 0; }
    return [left, right];
  }
  function edgeOf(l, r, ln, rn) {
    if (l === null && r === null) { return ['na', 'no data']; }
    if (l === null) { return ['na', 'no data for ' + ln]; }
    if (r === null) { return ['na', 'no data for ' + rn]; }
    var d = l - r;
    if (d >= 0.05) { return ['left', ln]; }
    if (d <= -0.05) { return ['right', rn]; }
    return ['tie', 'tie'];
  }
  function edgeNode(e, suffix) {
    var text = e[0] === 'tie' ? 'tie' : (e[0] === 'na' ? e[1] : e[1] + suffix);
    return el('span', 'edge edge-' + e[0], [text]);
  }
  function h2hHead(i, S, W) {
    var c = comps[i], s = S.st[i];
    var meta = W.none ? '#\u2014' : '#' + s.rank;
    if (s.low) { meta += ' \u00b7 low coverage'; }
    return el('span', 'h2h-side' + (c.self ? ' is-self' : ''), [
      el('span', 'h2h-name', [c.name]), ' ', el('strong', '', [W.none ? '\u2014' : fmt1(s.overall)]), ' ', el('span', 'muted', [meta])
    ]);
  }
  function renderH2H(S, W) {
    var body = byID('h2h-body');
    if (!body || h2h.left < 0 || h2h.right < 0) { return; }
    var L = comps[h2h.left], R = comps[h2h.right];
    var old = body.querySelectorAll('details.h2h-cat');
    if (old.length) { h2h.open = Array.prototype.map.call(old, function (d) { return d.open; }); }
    var tally = { left: 0, right: 0, tie: 0, na: 0 };
    var details = cats.map(function (cat, ci) {
      var rows = [];
      crits.forEach(function (cr, k) {
        if (cr.cat !== ci) { return; }
        var e = edgeOf(L.crit[k], R.crit[k], L.name, R.name);
        tally[e[0]]++;
        var tr = el('tr', '', [
          el('th', '', [cr.name]), el('td', '', [sideNode(h2h.left, k)]), el('td', '', [sideNode(h2h.right, k)]), el('td', '', [edgeNode(e, ' wins')])
        ]);
        tr.firstChild.setAttribute('scope', 'row');
        tr.setAttribute('data-k', String(k));
        rows.push(tr);
      });
      var head = el('tr', '', ['Criterion', L.name, R.name, 'Edge'].map(function (t) {
        var th = el('th', '', [t]);
        th.setAttribute('scope', 'col');
        return th;
      }));
      var d = el('details', 'h2h-cat', [
        el('summary', '', [
          el('h3', 'h2h-cat-name', [cat.name]), ' ',
          el('span', 'h2h-cat-scores', [pill(L.scores[ci]), ' vs ', pill(R.scores[ci])]), ' ',
          edgeNode(edgeOf(L.scores[ci], R.scores[ci], L.name, R.name), ' ahead')
        ]),
        el('table', 'data h2h-table stack', [el('thead', '', [head]), el('tbody', '', rows)])
      ]);
      d.open = !!h2h.open[ci];
      return d;
    });
    var score = el('div', 'h2h-score', [
      el('p', 'h2h-vs', [h2hHead(h2h.left, S, W), ' ', el('span', 'vs', ['vs']), ' ', h2hHead(h2h.right, S, W)]),
      el('p', 'h2h-tally', ['Criteria won: ', el('strong', '', [L.name + ' ' + tally.left]), ' \u00b7 ',
        el('strong', '', [R.name + ' ' + tally.right]), ' \u00b7 tied ' + tally.tie + ' \u00b7 not comparable ' + tally.na])
    ]);
    body.textContent = '';
    body.appendChild(score);
    details.forEach(function (d) { body.appendChild(d); });
  }

  // ---- sortable and filterable tables ----
  function cellValue(tr, col, type) {
    var cell = tr.cells[col];
    var v = cell ? (cell.hasAttribute('data-v') ? cell.getAttribute('data-v') : cell.textContent) : '';
    if (type === 'num') {
      var x = parseFloat(String(v).replace('\u2212', '-').replace('%', ''));
      return isNaN(x) ? null : x;
    }
    return String(v).trim().toLowerCase();
  }
  function applySort(table) {
    var col = table.getAttribute('data-sort-col');
    if (col === null) { return false; }
    col = Number(col);
    var dir = table.getAttribute('data-sort-dir') === 'descending' ? -1 : 1;
    var type = table.tHead.rows[0].cells[col].getAttribute('data-type');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (tr, i) { if (!tr.hasAttribute('data-i')) { tr.setAttribute('data-i', String(i)); } });
    rows.sort(function (a, b) {
      var x = cellValue(a, col, type), y = cellValue(b, col, type);
      if (x === null || y === null || x === '' || y === '') {
        if ((x === null || x === '') && (y === null || y === '')) { return Number(a.getAttribute('data-i')) - Number(b.getAttribute('data-i')); }
        return (x === null || x === '') ? 1 : -1; // unknown last, whichever the direction
      }
      var d = type === 'num' ? x - y : (x < y ? -1 : (x > y ? 1 : 0));
      return d * dir || Number(a.getAttribute('data-i')) - Number(b.getAttribute('data-i'));
    });
    rows.forEach(function (tr) { body.appendChild(tr); });
    return true;
  }
  function makeSortable(table) {
    var ths = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(ths, function (th, col) {
      var type = th.getAttribute('data-type');
      if (!type || type === 'none') { return; }
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'sort';
      while (th.firstChild) { b.appendChild(th.firstChild); }
      th.appendChild(b);
      b.addEventListener('click', function () {
        var same = table.getAttribute('data-sort-col') === String(col);
        var dir = same && table.getAttribute('data-sort-dir') === 'ascending' ? 'descending' : 'ascending';
        if (!same && type === 'num' && table.id !== 'leaderboard-table') { dir = 'descending'; }
        if (!same && type === 'num' && table.id === 'leaderboard-table' && col !== 0) { dir = 'descending'; }
        Array.prototype.forEach.call(ths, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir);
        table.setAttribute('data-sort-col', String(col));
        table.setAttribute('data-sort-dir', dir);
        applySort(table);
      });
    });
  }
  function setupFilter(input) {
    var table = byID(input.getAttribute('data-table'));
    if (!table) { return; }
    var status = el('span', 'muted small', []);
    status.setAttribute('role', 'status');
    input.parentNode.appendChild(status);
    input.addEventListener('input', function () {
      var q = input.value.trim().toLowerCase();
      var shown = 0, rows = table.tBodies[0].rows;
      Array.prototype.forEach.call(rows, function (tr) {
        var th = tr.querySelector('th[scope=row]');
        var name = (th && th.getAttribute('data-v') || '').toLowerCase();
        tr.hidden = q !== '' && name.indexOf(q) < 0;
        if (!tr.hidden) { shown++; }
      });
      status.textContent = q === '' ? '' : shown + ' of ' + rows.length + ' shown';
    });
  }
  function jumpToSelf(table) {
    var filter = document.querySelector('.filter[data-table="' + table.id + '"]');
    if (filter && filter.value) { filter.value = ''; filter.dispatchEvent(new Event('input')); }
    var row = table.querySelector('tbody tr.is-self');
    if (!row) { return; }
    var det = table.closest('details');
    if (det) { det.open = true; }
    row.scrollIntoView({ block: 'center' });
    row.focus({ preventScroll: true });
    row.classList.add('flash');
    setTimeout(function () { row.classList.remove('flash'); }, 1600);
  }

  // ---- state, kept in the URL fragment ----
  var sliders = Array.prototype.slice.call(document.querySelectorAll('input.weight'));
  var state = { vs: null, a: null, print: false };
  function sliderValues() { return sliders.map(function (s) { return Number(s.value); }); }
  function parseFragment() {
    var raw = location.hash.replace(/^#/, '');
    var out = { w: null, vs: null, a: null, print: false, section: null };
    if (raw.indexOf('=') < 0) { out.section = raw; return out; }
    raw.split('&').forEach(function (part) {
      var eq = part.indexOf('=');
      if (eq < 0) { return; }
      var key = part.slice(0, eq), val;
      try { val = decodeURIComponent(part.slice(eq + 1)); } catch (e) { return; }
      if (key === 'w' && /^\d{1,3}(,\d{1,3})*$/.test(val)) {
        var ws = val.split(',').map(Number);
        if (ws.length === sliders.length) {
          out.w = ws.map(function (x) { return Math.min(300, Math.round(x / 5) * 5); });
        }
      } else if ((key === 'vs' || key === 'a') && Object.prototype.hasOwnProperty.call(byId, val)) {
        out[key] = byId[val];
      } else if (key === 'print' && val === 'full') {
        out.print = true;
      }
    });
    return out;
  }
  function writeFragment() {
    var parts = [];
    var vals = sliderValues();
    if (vals.some(function (v) { return v !== 100; })) { parts.push('w=' + vals.join(',')); }
    if (state.a !== null) { parts.push('a=' + encodeURIComponent(comps[state.a].id)); }
    if (state.vs !== null) { parts.push('vs=' + encodeURIComponent(comps[state.vs].id)); }
    if (state.print) { parts.push('print=full'); }
    var url = location.pathname + location.search + (parts.length ? '#' + parts.join('&') : '');
    try { history.replaceState(null, '', url); } catch (e) { /* file: URLs in some browsers */ }
  }

  // ---- updates ----
  var lastS = null, lastW = null;
  function updateOutputs(W) {
    var total = 0;
    W.w.forEach(function (w) { total += w; });
    sliders.forEach(function (s, i) {
      var out = byID(s.id + '-out');
      var share = total > 0 ? Math.round(W.w[i] / total * 100) : 0;
      var m = Number(s.value) / 100;
      if (out) { out.textContent = '\u00d7' + (Math.round(m * 100) / 100) + ' \u00b7 ' + share + '%'; }
      s.setAttribute('aria-valuetext', cats[i].name + ': ' + share + ' percent of the total weight');
    });
  }
  function update(write) {
    var W = weightsOf(sliderValues());
    var S = standings(W);
    lastS = S; lastW = W;
    updateOutputs(W);
    renderLeaderboard(S, W);
    renderGaps(S, W);
    renderRadar(S, W);
    renderVerdict(S, W);
    if (h2h.left >= 0) { renderH2H(S, W); }
    var changed = sliderValues().some(function (v) { return v !== 100; });
    document.body.classList.toggle('whatif-on', changed);
    var panel = document.querySelector('.whatif');
    if (panel) { panel.classList.toggle('changed', changed); }
    var status = byID('whatif-status');
    if (status) {
      var leader = W.none ? -1 : firstEligible(S, -1);
      if (!changed) {
        status.textContent = 'Rubric weights.';
      } else if (W.none) {
        status.textContent = 'All weights are 0: nothing is ranked and nobody leads.';
      } else if (W.rubric) {
        status.textContent = 'Every weight scaled by the same factor: the rubric\u2019s ranking.';
      } else {
        status.textContent = 'What-if weights: ' + (leader >= 0 ? comps[leader].name + ' leads with ' + fmt1(S.st[leader].overall) : 'no competitor has enough coverage to lead') +
          (selfIdx >= 0 ? '; ' + comps[selfIdx].name + ' is #' + S.st[selfIdx].rank + ' with ' + fmt1(S.st[selfIdx].overall) : '') + '. Stability badges are for the rubric weights.';
      }
    }
    if (write) { writeFragment(); }
  }

  // ---- charts ----
  function chartTooltips(key, option) {
    if (!option.tooltip) { return; }
    if (key === 'leaderboard') {
      option.tooltip.formatter = function (p) {
        var i = lastS ? lastS.order[p.dataIndex] : p.dataIndex;
        var c = i === undefined ? null : comps[i];
        var s = c && lastS ? lastS.st[i] : null;
        return '<strong>' + esc(p.name) + '</strong><br>overall ' + esc(p.value === '-' ? 'n/a' : fmt1(p.value)) +
          (s ? '<br>rank ' + esc(s.rank === null ? '\u2014' : s.rank) + ' \u00b7 coverage ' + esc(pct(s.coverage)) + (s.low ? ' (low)' : '') : '');
      };
    } else if (key === 'radar') {
      option.tooltip.formatter = function (p) {
        var v = p.value || [];
        var cat = cats[v[1] % Math.max(cats.length, 1)];
        return '<strong>' + esc(p.seriesName) + '</strong><br>' + esc(cat ? cat.name : '') + ': ' + esc(v[0] === '-' || v[0] === undefined ? 'n/a' : fmt1(v[0]));
      };
    } else if (key === 'heatmap') {
      var xs = option.xAxis[0].data || [], ys = option.yAxis[0].data || [];
      option.tooltip.formatter = function (p) {
        var v = p.value || [];
        var score = p.seriesIndex === 1 ? 'no data: not scored' : 'score ' + fmt1(v[2]);
        return '<strong>' + esc(axisLabel(xs[v[0]])) + '</strong><br>' + esc(axisLabel(ys[v[1]])) + ': ' + esc(p.name) + '<br>' + esc(score);
      };
    } else {
      option.tooltip.formatter = function (p) {
        return '<strong>' + esc(p.seriesName) + '</strong><br>' + esc(p.name) + ': ' + esc(p.value === '-' ? 'n/a' : fmt1(p.value));
      };
    }
  }
  function adapt(key, option, width) {
    var narrow = width < 520;
    if (key === 'radar') {
      var labels = specs.radar.labels || [];
      option.angleAxis.axisLabel.formatter = function (v) { return labels[v] || ''; };
      option.angleAxis.axisLabel.width = narrow ? 90 : 150;
      option.angleAxis.axisLabel.overflow = 'break';
      option.angleAxis.axisLabel.fontSize = narrow ? 10 : 12;
      option.angleAxis.axisLabel.margin = narrow ? 14 : 10;
      option.angleAxis.axisLabel.lineHeight = narrow ? 13 : 15;
      option.polar.radius = narrow ? '34%' : '64%';
      if (narrow) { option.polar.center = ['50%', '45%']; }
      option.radiusAxis.axisLabel.show = !narrow;
    }
    if (key === 'heatmap') {
      var cols = option.xAxis[0].data.length;
      var per = (width - 150) / Math.max(cols, 1);
      if (per < 70) { option.xAxis[0].axisLabel.rotate = 90; }
      if (narrow) {
        option.xAxis[0].axisLabel.width = 96;
        option.yAxis[0].axisLabel.width = 104;
        option.yAxis[0].axisLabel.fontSize = 11;
      }
      if (per < 34) { option.series.forEach(function (s) { if (s.label) { s.label.show = false; } }); }
    }
    if (key === 'leaderboard') {
      option.series[0].label.formatter = function (p) { return p.value === '-' ? '' : fmt1(p.value); };
      if (narrow) { option.yAxis[0].axisLabel.width = 110; }
    }
  }
  function initCharts() {
    if (typeof echarts === 'undefined') {
      Array.prototype.forEach.call(document.querySelectorAll('.chart'), function (e) {
        e.textContent = 'The chart could not be drawn; the table has the same figures.';
      });
      document.body.setAttribute('data-charts-ready', '0');
      return;
    }
    ['leaderboard', 'radar', 'heatmap'].forEach(function (key) { if (data.charts[key]) { specs[key] = data.charts[key]; } });
    (data.charts.trends || []).forEach(function (spec, i) { specs['trend' + i] = spec; });
    var keys = Object.keys(specs).filter(function (key) { return byID(specs[key].id); });
    var pending = keys.length;
    // data-charts-ready tells printers and tests that every chart has been
    // drawn once (milliseconds since navigation start).
    function drawn() {
      pending--;
      if (pending === 0) { document.body.setAttribute('data-charts-ready', String(Math.round(performance.now()))); }
    }
    if (!pending) { document.body.setAttribute('data-charts-ready', '0'); }
    keys.forEach(function (key) {
      var spec = specs[key];
      var box = byID(spec.id);
      var option = spec.option;
      if (key === 'radar' && box.clientWidth < 520) {
        spec.height = 310;
        box.style.height = spec.height + 'px';
      }
      chartTooltips(key, option);
      adapt(key, option, box.clientWidth);
      var chart = echarts.init(box, null, { renderer: 'canvas' });
      var once = function () { chart.off('finished', once); drawn(); };
      chart.on('finished', once);
      chart.setOption(option);
      charts[key] = chart;
    });
    var timer = null;
    window.addEventListener('resize', function () {
      clearTimeout(timer);
      timer = setTimeout(resizeAll, 150);
    });
  }
  function resizeAll() { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); }
  // Charts drawn while folded away have no size: lay them out when shown.
  Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) {
    if (d.querySelector('.chart')) { d.addEventListener('toggle', function () { if (d.open) { resizeAll(); } }); }
  });

  // ---- printing: the summary, or everything when asked ----
  var PRINT_WIDTH = 680;
  var printOpen = [];
  function beforePrint() {
    printOpen = [];
    if (state.print) {
      Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) {
        printOpen.push([d, d.open]);
        d.open = true;
      });
    }
    Object.keys(charts).forEach(function (k) {
      var spec = specs[k];
      var h = spec.print_height || spec.height, w = PRINT_WIDTH;
      if (k === 'radar') { h = 270; w = 390; }
      charts[k].resize({ width: w, height: h, animation: { duration: 0 } });
      charts[k].getZr().flush();
    });
  }
  function afterPrint() {
    printOpen.forEach(function (p) { p[0].open = p[1]; });
    printOpen = [];
    Object.keys(charts).forEach(function (k) {
      var box = byID(specs[k].id);
      charts[k].resize({ width: box.clientWidth, height: specs[k].height });
    });
  }
  window.addEventListener('beforeprint', beforePrint);
  window.addEventListener('afterprint', afterPrint);

  // ---- wiring ----
  initCharts();
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), makeSortable);
  Array.prototype.forEach.call(document.querySelectorAll('input.filter'), setupFilter);
  Array.prototype.forEach.call(document.querySelectorAll('.table-tools, #tools, #h2h-pick, #whatif, #expand-all, #collapse-all'), function (e) { e.hidden = false; });
  Array.prototype.forEach.call(document.querySelectorAll('button.jump-self'), function (b) {
    b.addEventListener('click', function () { var t = byID(b.getAttribute('data-table')); if (t) { jumpToSelf(t); } });
  });
  sliders.forEach(function (s) {
    s.addEventListener('input', function () { update(true); });
    s.addEventListener('change', function () { update(true); });
  });
  var reset = byID('reset-weights');
  if (reset) {
    reset.addEventListener('click', function () { sliders.forEach(function (s) { s.value = '100'; }); update(true); });
  }
  function setCards(open) {
    Array.prototype.forEach.call(document.querySelectorAll('details.card'), function (d) { d.open = open; });
  }
  var expand = byID('expand-all');
  if (expand) { expand.addEventListener('click', function () { setCards(true); }); }
  var collapse = byID('collapse-all');
  if (collapse) { collapse.addEventListener('click', function () { setCards(false); }); }
  var printFull = byID('print-full');
  if (printFull) {
    printFull.addEventListener('change', function () {
      state.print = printFull.checked;
      document.body.classList.toggle('print-full', state.print);
      writeFragment();
    });
  }
  var printButton = byID('print-button');
  if (printButton) { printButton.addEventListener('click', function () { window.print(); }); }

  var selLeft = byID('h2h-left'), selRight = byID('h2h-right');
  function pickH2H() {
    var def = h2hDefault(lastS);
    h2h.left = selfIdx >= 0 ? selfIdx : (state.a !== null ? state.a : def[0]);
    h2h.right = state.vs !== null && state.vs !== h2h.left ? state.vs : def[1];
    if (h2h.right === h2h.left) { h2h.right = def[1] === h2h.left ? def[0] : def[1]; }
    if (selLeft) { selLeft.value = comps[h2h.left].id; }
    if (selRight) { selRight.value = comps[h2h.right].id; }
  }
  function onPick() {
    if (selLeft) { state.a = byId[selLeft.value] === undefined ? null : byId[selLeft.value]; }
    if (selRight) { state.vs = byId[selRight.value] === undefined ? null : byId[selRight.value]; }
    pickH2H();
    renderH2H(lastS, lastW);
    writeFragment();
  }
  if (selLeft) { selLeft.addEventListener('change', onPick); }
  if (selRight) { selRight.addEventListener('change', onPick); }

  // In-page links scroll without replacing the state in the fragment.
  document.addEventListener('click', function (ev) {
    var a = ev.target.closest ? ev.target.closest('a[href^="#"]') : null;
    if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey) { return; }
    var target = byID(decodeURIComponent(a.getAttribute('href').slice(1)));
    if (!target) { return; }
    ev.preventDefault();
    target.scrollIntoView({ block: 'start' });
    if (!target.hasAttribute('tabindex')) { target.setAttribute('tabindex', '-1'); }
    target.focus({ preventScroll: true });
  });

  function applyFragment() {
    var f = parseFragment();
    if (f.section !== null) { return false; }
    sliders.forEach(function (s, i) { s.value = String(f.w ? f.w[i] : 100); });
    state.vs = f.vs;
    state.a = f.a;
    state.print = f.print;
    if (printFull) { printFull.checked = state.print; }
    document.body.classList.toggle('print-full', state.print);
    return true;
  }
  var fromFragment = applyFragment();
  var W0 = weightsOf(sliderValues());
  lastS = standings(W0); lastW = W0;
  if (byID('h2h-body')) { pickH2H(); }
  var pickedOther = state.vs !== null || state.a !== null;
  if (fromFragment && (sliderValues().some(function (v) { return v !== 100; }) || pickedOther)) {
    update(false);
  } else {
    updateOutputs(W0);
  }
  // Head-to-head categories and the what-if panel start open where there
  // is room for them.
  if (window.matchMedia && window.matchMedia('(min-width: 600px)').matches) {
    Array.prototype.forEach.call(document.querySelectorAll('details.h2h-cat, details.whatif, details.trend-more'), function (d) { d.open = true; });
  } else {
    // On a phone the method's prose starts folded like its tables.
    Array.prototype.forEach.call(document.querySelectorAll('#method details[open]'), function (d) { d.open = false; });
    h2h.open = cats.map(function () { return true; });
  }
  window.addEventListener('hashchange', function () {
    if (applyFragment()) {
      if (byID('h2h-body')) { pickH2H(); }
      update(false);
    }
  });
}());
