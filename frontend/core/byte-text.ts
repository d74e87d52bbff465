// Byte counts in the messages of the memory checks.

/** Gigabytes (10^9 bytes): three decimals below one, one above ("0.084 GB", "40.0 GB"). */
export function gigabytesText(bytes: number): string {
  return `${(bytes / 1e9).toFixed(bytes < 1e9 ? 3 : 1)} GB`;
}
