// Live reload, iframe sizing and what the browser really rendered (overflow, contrast).
(() => {
  "use strict";
  const version = document.documentElement.dataset.version;
  const events = new EventSource("/events");
  events.addEventListener("build", (event) => {
    if (event.data !== version) {
      sessionStorage.setItem("maildigest-scroll", String(window.scrollY));
      location.reload();
    }
  });

  const frame = document.getElementById("email");
  const info = document.getElementById("render-info");
  const saved = sessionStorage.getItem("maildigest-scroll");
  const restore = () => {
    if (saved !== null) {
      sessionStorage.removeItem("maildigest-scroll");
      window.scrollTo(0, Number(saved));
    }
  };
  if (!frame) { restore(); return; }

  const channels = (color) => (color.match(/[\d.]+/g) || []).map(Number);
  const opaque = (color) => { const c = channels(color); return c.length >= 3 && (c.length < 4 || c[3] > 0); };
  const luminance = (color) => {
    const [r, g, b] = channels(color).slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const backgroundOf = (element, view) => {
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const color = view.getComputedStyle(node).backgroundColor;
      if (opaque(color)) return color;
    }
    return view.getComputedStyle(element.ownerDocument.documentElement).backgroundColor;
  };

  const inspect = () => {
    const doc = frame.contentDocument;
    const view = frame.contentWindow;
    if (!doc || !view || !doc.documentElement) return;
    frame.style.height = doc.documentElement.scrollHeight + "px";
    const width = frame.clientWidth;
    const scrollWidth = doc.documentElement.scrollWidth;
    // the visible element with the most text of its own stands for the body text
    const ownText = (el) => Array.from(el.childNodes)
      .filter((node) => node.nodeType === 3).reduce((n, node) => n + node.data.trim().length, 0);
    const texts = Array.from(doc.body.querySelectorAll("*"))
      .filter((el) => el.offsetHeight > 0 && ownText(el) > 0)
      .sort((a, b) => ownText(b) - ownText(a));
    const parts = [scrollWidth > width ? `overflows: ${scrollWidth} px wide in ${width} px` : `fits ${width} px`];
    let warn = scrollWidth > width;
    info.dataset.viewport = String(view.innerWidth);
    info.dataset.title = doc.title;
    info.dataset.scrollWidth = String(scrollWidth);
    if (texts.length) {
      const color = view.getComputedStyle(texts[0]).color;
      const background = backgroundOf(texts[0], view);
      const [light, dark] = [luminance(color), luminance(background)].sort((a, b) => b - a);
      const ratio = (light + 0.05) / (dark + 0.05);
      info.dataset.textSample = texts[0].textContent.trim().slice(0, 120);
      info.dataset.textColor = color;
      info.dataset.background = background;
      info.dataset.contrast = ratio.toFixed(2);
      parts.push(`body text ${color} on ${background}, contrast ${ratio.toFixed(1)}:1`);
      warn = warn || ratio < 4.5;
    }
    info.textContent = parts.join(" · ");
    info.classList.toggle("warn", warn);
    restore();
  };
  frame.addEventListener("load", inspect);
  const loaded = frame.contentDocument;
  if (loaded && loaded.URL !== "about:blank" && loaded.readyState === "complete") inspect();
})();
