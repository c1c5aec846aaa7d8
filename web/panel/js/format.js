// Formatting of times and numbers for the chosen language, and the reverse:
// a <input type=datetime-local> value to the RFC 3339 time the API wants.
import {language} from './i18n.js';

export function formatTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language() === 'tr' ? 'tr-TR' : 'en-GB', {dateStyle: 'short', timeStyle: 'short'});
}

export function formatNumber(n) {
  return Number(n ?? 0).toLocaleString(language() === 'tr' ? 'tr-TR' : 'en-GB');
}

function pad(n) {
  return String(n).padStart(2, '0');
}

// "2026-12-07T14:30" (the browser's local time) → "2026-12-07T14:30:00+03:00".
export function localInputToRfc3339(value) {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:` +
      `${pad(date.getMinutes())}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

// The reverse, for filling a form: "2026-12-07T14:30:00.000+03:00" → the
// browser's local "2026-12-07T14:30"; '' for none.
export function rfc3339ToLocalInput(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:` +
      `${pad(date.getMinutes())}`;
}

// An RFC 3339 time with the browser's offset, for `since` query parameters.
export function rfc3339(date) {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:` +
      `${pad(date.getMinutes())}:${pad(date.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
