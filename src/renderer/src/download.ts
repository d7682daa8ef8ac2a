/** Saves text as a file through the browser's download (a Blob and a temporary `<a download>`). */

/** Starts the download of `text` as `fileName`; works the same in Electron and in the harness. */
export function downloadTextFile(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke later: revoking in the same task can cancel the download in some engines.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
