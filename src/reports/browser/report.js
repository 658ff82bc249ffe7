// Runs inside a report page (inlined, no modules, no network). Charts are already in the page
// as static SVG; with JavaScript vega-embed redraws them with tooltips. Tables get sorting on
// header click and the filter lists above them. Nothing here reads data into markup: rows
// are moved and hidden, never rebuilt from text.
(function () {
  'use strict';

  function embedCharts() {
    if (typeof vegaEmbed !== 'function') return;
    document.querySelectorAll('figure[data-chart]').forEach(function (figure) {
      var source = document.getElementById(figure.getAttribute('data-chart') + '-spec');
      var live = figure.querySelector('.chart-live');
      var still = figure.querySelector('.chart-static');
      if (!source || !live || !still) return;
      var spec = JSON.parse(source.textContent);
      // ast: vega's interpreter instead of generated functions, so no eval is needed.
      vegaEmbed(live, spec, { actions: false, renderer: 'svg', ast: true })
        .then(function () {
          live.hidden = false;
          still.remove();
        })
        .catch(function (error) {
          console.warn('chart left static:', error && error.message);
        });
    });
  }

  function cellKey(row, index, numeric) {
    var cell = row.cells[index];
    if (!cell) return null;
    if (numeric) {
      var v = cell.getAttribute('data-v');
      return v === null || v === '' ? null : Number(v);
    }
    return mainText(cell);
  }

  // A cell's own value, without the smaller sub-values under it.
  function mainText(cell) {
    var sub = cell.querySelector('.sub');
    return sub ? cell.textContent.slice(0, cell.textContent.length - sub.textContent.length) : cell.textContent;
  }

  function setupTable(block) {
    var table = block.querySelector('table');
    if (!table || !table.tBodies[0]) return;
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var filters = block.querySelector('.filters');
    var selects = filters ? Array.prototype.slice.call(filters.querySelectorAll('select')) : [];
    var count = block.querySelector('.row-count');

    function applyFilters() {
      var shown = 0;
      rows.forEach(function (row) {
        var keep = selects.every(function (select) {
          var cell = row.cells[Number(select.getAttribute('data-col'))];
          return !select.value || (cell && mainText(cell) === select.value);
        });
        row.hidden = !keep;
        if (keep) shown++;
      });
      if (count) {
        count.textContent = (count.getAttribute('data-template') || '{n}/{total}')
          .replace('{n}', String(shown))
          .replace('{total}', String(rows.length));
      }
    }

    function sortBy(th, index) {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      var numeric = th.getAttribute('data-sort') === 'num';
      headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var order = rows.map(function (row, i) { return { row: row, key: cellKey(row, index, numeric), i: i }; });
      order.sort(function (a, b) {
        if (a.key === b.key) return a.i - b.i;
        if (a.key === null) return 1; // empty values last, whichever the direction
        if (b.key === null) return -1;
        var c = numeric ? a.key - b.key : String(a.key).localeCompare(String(b.key));
        return (ascending ? c : -c) || a.i - b.i;
      });
      order.forEach(function (o) { tbody.appendChild(o.row); });
    }

    headers.forEach(function (th, index) {
      th.tabIndex = 0;
      th.classList.add('sortable');
      th.addEventListener('click', function () { sortBy(th, index); });
      th.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          sortBy(th, index);
        }
      });
    });
    if (filters) {
      filters.hidden = false;
      selects.forEach(function (select) { select.addEventListener('change', applyFilters); });
      applyFilters();
    }
  }

  document.querySelectorAll('.table-block').forEach(setupTable);
  embedCharts();
})();
