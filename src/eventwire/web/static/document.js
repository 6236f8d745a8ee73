// The document page: text selected in the article fills the missed-event
// form's sentence, and opens the form. The selection is read as plain text.
(function () {
  "use strict";
  var article = document.getElementById("article");
  var form = document.getElementById("missed-form");
  if (!article || !form) { return; }
  article.addEventListener("mouseup", function () {
    var selection = window.getSelection();
    var text = selection ? selection.toString().trim() : "";
    if (!text || !article.contains(selection.anchorNode)) { return; }
    form.elements.sentence.value = text;
    document.getElementById("missed").open = true;
  });
}());
