// Runs inside a report page (inlined, no modules, no network). Charts are already in the page
// as static SVG; with JavaScript vega-embed redraws them with tooltips. Tables get sorting on
// header click, the filter lists above them, CSV downloads of the rows shown and, for the
// audit desk, a review sheet filled in on the page. Nothing here reads data into markup:
// rows are moved and hidden, never rebuilt from text, and downloads are built from the CSV
// lines the page already holds.
(() => {
  'use strict';

  function embedCharts() {
    if (typeof vegaEmbed !== 'function') return;
    document.querySelectorAll('figure[data-chart]').forEach((figure) => {
      var source = document.getElementById(`${figure.getAttribute('data-chart')}-spec`);
      var live = figure.querySelector('.chart-live');
      var still = figure.querySelector('.chart-static');
      if (!source || !live || !still) return;
      var spec = JSON.parse(source.textContent);
      // ast: vega's interpreter instead of generated functions, so no eval is needed.
      vegaEmbed(live, spec, { actions: false, renderer: 'svg', ast: true })
        .then(() => {
          live.hidden = false;
          still.remove();
        })
        .catch((error) => {
          console.warn('chart left static:', error?.message);
        });
    });
  }

  function cellKey(row, index, numeric) {
    var cell = row.cells[index];
    if (!cell) return null;
    if (!numeric) return mainText(cell);
    var v = cell.getAttribute('data-v');
    return v === null || v === '' ? null : Number(v);
  }

  // A cell's own value, without the smaller sub-values under it.
  function mainText(cell) {
    var sub = cell.querySelector('.sub');
    return sub ? cell.textContent.slice(0, cell.textContent.length - sub.textContent.length) : cell.textContent;
  }

  // A cell the user typed, for a CSV line: the rule of src/files/spreadsheet-safe.ts (a leading
  // = + - @ tab or carriage return gets an apostrophe) and the quoting of rows-to-csv.ts.
  function csvCell(text) {
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }

  // A CSV file as rows-to-csv.ts writes it: a byte order mark, CRLF line ends.
  function downloadCsv(file, lines) {
    var blob = new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
    var url = URL.createObjectURL(blob);
    var link = document.createElement('a');
    link.href = url;
    link.download = file;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 0);
  }

  function setupTable(block) {
    var table = block.querySelector('table');
    if (!table?.tBodies[0]) return;
    var tbody = table.tBodies[0];
    // A row's detail (its explanation, its evidence) follows it and goes wherever it goes.
    var rows = Array.prototype.filter.call(tbody.rows, (row) => !row.classList.contains('detail'));
    var details = rows.map((row) => {
      var next = row.nextElementSibling;
      return next?.classList.contains('detail') ? next : null;
    });
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var filters = block.querySelector('.filters');
    var selects = filters ? Array.prototype.slice.call(filters.querySelectorAll('select')) : [];
    var count = block.querySelector('.row-count');

    function shownRows() {
      return rows.filter((row) => !row.hidden);
    }

    function applyFilters() {
      rows.forEach((row, i) => {
        var keep = selects.every((select) => {
          var cell = row.cells[Number(select.getAttribute('data-col'))];
          return !select.value || (cell && mainText(cell) === select.value);
        });
        row.hidden = !keep;
        if (details[i]) details[i].hidden = !keep;
      });
      if (count) {
        count.textContent = (count.getAttribute('data-template') || '{n}/{total}')
          .replace('{n}', String(shownRows().length))
          .replace('{total}', String(rows.length));
      }
    }

    function sortBy(th, index) {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      var numeric = th.getAttribute('data-sort') === 'num';
      headers.forEach((h) => {
        h.removeAttribute('aria-sort');
      });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var order = rows.map((row, i) => ({ row: row, detail: details[i], key: cellKey(row, index, numeric), i: i }));
      order.sort((a, b) => {
        if (a.key === b.key) return a.i - b.i;
        if (a.key === null) return 1; // empty values last, whichever the direction
        if (b.key === null) return -1;
        var c = numeric ? a.key - b.key : String(a.key).localeCompare(String(b.key));
        return (ascending ? c : -c) || a.i - b.i;
      });
      order.forEach((o) => {
        tbody.appendChild(o.row);
        if (o.detail) tbody.appendChild(o.detail);
      });
    }

    headers.forEach((th, index) => {
      th.tabIndex = 0;
      th.classList.add('sortable');
      th.addEventListener('click', () => {
        sortBy(th, index);
      });
      th.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          sortBy(th, index);
        }
      });
    });
    if (filters) {
      filters.hidden = false;
      selects.forEach((select) => {
        select.addEventListener('change', applyFilters);
      });
      applyFilters();
    }

    // The table's CSV link downloads the rows shown (the filters' choice), not the whole file.
    var csvHeader = block.getAttribute('data-csv-header');
    var csvLink = block.parentElement?.querySelector('a[data-download="csv"]');
    if (csvHeader !== null && csvLink) {
      csvLink.addEventListener('click', (event) => {
        event.preventDefault();
        var lines = shownRows().map((row) => row.getAttribute('data-csv'));
        downloadCsv(csvLink.getAttribute('href'), [csvHeader].concat(lines));
      });
    }

    var sheet = block.querySelector('.sheet-tools');
    if (sheet) {
      setupSheet(block, sheet, () => shownRows().map((row) => ({ row: row, detail: details[rows.indexOf(row)] })));
    }
  }

  // The review sheet: the shown rows' own fields, then the verdict and note chosen under each
  // row and the reviewer's name for the rows that have either (an empty row is not a review).
  function setupSheet(block, sheet, shownPairs) {
    sheet.hidden = false;
    block.querySelectorAll('.review-controls').forEach((controls) => {
      controls.hidden = false;
    });
    var by = sheet.querySelector('[data-sheet="by"]');
    var message = sheet.querySelector('.sheet-message');
    sheet.querySelector('[data-sheet="download"]').addEventListener('click', () => {
      var reviewer = by.value.trim();
      var lines = [];
      var unsigned = 0;
      shownPairs().forEach((pair) => {
        var row = pair.row;
        var verdict = pair.detail.querySelector('[data-review="verdict"]').value;
        var note = pair.detail.querySelector('[data-review="note"]').value.trim();
        var reviewed = verdict !== '' || note !== '';
        if (reviewed && reviewer === '') unsigned++;
        lines.push(
          [row.getAttribute('data-sheet'), csvCell(verdict), csvCell(note), csvCell(reviewed ? reviewer : '')].join(
            ',',
          ),
        );
      });
      if (unsigned > 0) {
        message.textContent = message.getAttribute('data-needs-by').replace('{n}', String(unsigned));
        by.focus();
        return;
      }
      message.textContent = '';
      downloadCsv(sheet.getAttribute('data-file'), [sheet.getAttribute('data-header')].concat(lines));
    });
  }

  // Evidence folds away on screen; on paper it is shown open (report.css does so where the
  // browser supports ::details-content; this covers the others).
  function printEvidenceOpen() {
    var opened = [];
    window.addEventListener('beforeprint', () => {
      document.querySelectorAll('details:not([open])').forEach((details) => {
        details.open = true;
        opened.push(details);
      });
    });
    window.addEventListener('afterprint', () => {
      opened.splice(0).forEach((details) => {
        details.open = false;
      });
    });
  }

  document.querySelectorAll('.table-block').forEach(setupTable);
  printEvidenceOpen();
  embedCharts();
})();
