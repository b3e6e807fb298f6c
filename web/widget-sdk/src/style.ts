// Everything the loader puts on the host page is fixed-position, so the page never shifts.
export const css = `
.woot-widget-holder{position:fixed;z-index:2147483000;bottom:92px;width:400px;max-width:calc(100vw - 32px);height:calc(100% - 112px);max-height:640px;border-radius:16px;overflow:hidden;box-shadow:0 8px 32px rgba(0,0,0,.18);background:#fff;transition:opacity .15s,transform .15s}
.woot-widget-holder iframe{border:0;width:100%;height:100%;display:block}
.woot-widget-holder.woot--hide{opacity:0;transform:translateY(12px);pointer-events:none;visibility:hidden}
.woot-elements--right{right:20px}.woot-elements--left{left:20px}
.woot--bubble-holder{position:fixed;z-index:2147483000;bottom:20px}
.woot-hidden{display:none!important}
.woot-widget-bubble{position:relative;display:flex;align-items:center;justify-content:center;gap:8px;min-width:60px;height:60px;padding:0 18px;border:0;border-radius:30px;color:#fff;cursor:pointer;box-shadow:0 4px 16px rgba(0,0,0,.2);font:600 15px/1 system-ui,sans-serif}
.woot-widget-bubble:focus-visible{outline:3px solid #000;outline-offset:2px}
.woot--unread:empty{display:none}
.woot--unread{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;border-radius:10px;background:#e5383b;color:#fff;font:700 12px/20px system-ui,sans-serif;box-sizing:border-box}
@media (max-width:667px){.woot-widget-holder{left:0;right:0;bottom:0;top:0;width:100%;max-width:none;height:100%;max-height:none;border-radius:0}}
`;
