import type { RichText } from '@paybench/bench-analysis';

/**
 * Escapes text for HTML element content and double-quoted attribute values. Everything that
 * comes from a result (scenario names and descriptions, topology names, problems) goes through
 * here: a scenario file is user input.
 */
export function escapeHtml(text: string | number): string {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** Shared verdict wording (see summary/rich-text.ts) as escaped HTML. */
export function richTextToHtml(text: RichText): string {
  return text
    .map((segment) => {
      if (typeof segment === 'string') return escapeHtml(segment);
      if ('strong' in segment) return `<strong>${escapeHtml(segment.strong)}</strong>`;
      if ('em' in segment) return `<em>${escapeHtml(segment.em)}</em>`;
      return `<code>${escapeHtml(segment.code)}</code>`;
    })
    .join('');
}
