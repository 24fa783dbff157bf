/**
 * Text with a little emphasis, kept apart from any markup so that one wording serves every
 * renderer: summary.md turns it into Markdown, report.html into escaped HTML. A verdict written
 * once cannot drift between the two.
 */
export type RichSegment = string | { strong: string } | { em: string } | { code: string };
export type RichText = readonly RichSegment[];

/** Markdown. Segments are not escaped, as summary.md never escaped names: scenario and logging names are [a-z0-9-_]. */
export function richTextToMarkdown(text: RichText): string {
  return text
    .map((segment) => {
      if (typeof segment === 'string') return segment;
      if ('strong' in segment) return `**${segment.strong}**`;
      if ('em' in segment) return `*${segment.em}*`;
      return `\`${segment.code}\``;
    })
    .join('');
}
