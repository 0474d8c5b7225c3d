// Cell renderers for dash-ag-grid. Text goes in as a React child, so it is never parsed as HTML.
var dagcomponentfuncs = (window.dashAgGridComponentFunctions =
  window.dashAgGridComponentFunctions || {});

dagcomponentfuncs.CustomerLink = function (props) {
  if (!props.data) {
    return props.value;
  }
  return React.createElement(
    "a",
    { href: "/customers/" + encodeURIComponent(props.data.code), className: "customer-link" },
    props.value
  );
};
