// Small progressive enhancements; every page works without this file.
document.addEventListener("click", function (e) {
  var t = e.target.closest("[data-confirm]");
  if (t && !window.confirm(t.getAttribute("data-confirm"))) e.preventDefault();
});
// Stacked tables on phones: each cell carries its column's heading (data-label).
document.querySelectorAll("main table").forEach(function (t) {
  var heads = Array.prototype.map.call(t.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
  t.querySelectorAll("tbody tr").forEach(function (tr) {
    Array.prototype.forEach.call(tr.children, function (td, i) {
      if (!td.hasAttribute("data-label") && heads[i]) td.setAttribute("data-label", heads[i]);
    });
  });
});
