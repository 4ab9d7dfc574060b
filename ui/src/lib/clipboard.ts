// Copying text the app must first fetch (an IPC answer). WebKit allows a clipboard write only
// while the click's user activation lasts, which an await of the IPC round trip outlives; a
// write started at once, with the text as a promise in a ClipboardItem, keeps it. Where
// ClipboardItem is missing (jsdom), the text is written when it arrives.

/** Copies `text` (still being fetched) to the clipboard; call it from the click handler itself. */
export async function copyWhenReady(text: Promise<string>): Promise<void> {
  if (typeof ClipboardItem !== "undefined" && typeof navigator.clipboard.write === "function") {
    const blob = text.then((t) => new Blob([t], { type: "text/plain" }));
    await navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
    return;
  }
  await navigator.clipboard.writeText(await text);
}
