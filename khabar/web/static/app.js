// khabar web: the little JavaScript there is. Highlight toggles are CSS only; this adds a key:
// "/" focuses the search box.
document.addEventListener("keydown", function (e) {
  if (e.key !== "/" || e.target.matches("input, textarea, select")) return;
  var box = document.querySelector("input[type=search]");
  if (box) { e.preventDefault(); box.focus(); }
});
