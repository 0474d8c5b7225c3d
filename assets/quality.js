// Data-quality page: a link to a customer's wall whose code is in any field of the row
// (cellRendererParams.codeField, default "code"), optionally to a section (hash).
// Text goes in as a React child, so it is never parsed as HTML.
var dagcomponentfuncs = (window.dashAgGridComponentFunctions =
  window.dashAgGridComponentFunctions || {});

dagcomponentfuncs.QualityCustomerLink = function (props) {
  var code = props.data ? props.data[props.codeField || "code"] : null;
  if (!code) {
    return props.value;
  }
  var href = "/customers/" + encodeURIComponent(code) + (props.hash ? "#" + props.hash : "");
  return React.createElement("a", { href: href, className: "customer-link" }, props.value);
};
