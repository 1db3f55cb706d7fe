/* Page-wide enhancements of every Loket page. Everything here is optional: the pages work
   without it.

   Data tables stack on narrow screens (web/loket.css); each cell is then labelled with its
   column header, copied here into the cell's data-label (cells that have one keep it). */
(function () {
  "use strict";

  function headerTexts(table) {
    var row = table.tHead ? table.tHead.rows[0] : null;
    var texts = [];
    if (!row) { return texts; }
    for (var index = 0; index < row.cells.length; index += 1) {
      var cell = row.cells[index];
      var text = cell.textContent.replace(/\s+/g, " ").trim();
      for (var span = 0; span < (cell.colSpan || 1); span += 1) { texts.push(text); }
    }
    return texts;
  }

  function labelTable(table) {
    var texts = headerTexts(table);
    if (texts.length === 0) { return; }
    for (var body = 0; body < table.tBodies.length; body += 1) {
      var rows = table.tBodies[body].rows;
      for (var r = 0; r < rows.length; r += 1) {
        var column = 0;
        for (var c = 0; c < rows[r].cells.length; c += 1) {
          var cell = rows[r].cells[c];
          if (texts[column] && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", texts[column]);
          }
          column += cell.colSpan || 1;
        }
      }
    }
  }

  function labelTables() {
    var tables = document.querySelectorAll("main table");
    for (var index = 0; index < tables.length; index += 1) { labelTable(tables[index]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", labelTables);
  } else {
    labelTables();
  }
  // Tables that htmx swaps in (search results, filtered queues).
  document.addEventListener("htmx:load", labelTables);
})();
