import * as ts from 'typescript';

/**
 * The TSDoc gaps of the public props: for every interface named `*Props` or `*Options` that `entry` exports,
 * each property needs a summary, an `@see` link and (when optional) an `@default`. Inherited properties are
 * checked on the interface that declares them. Returns one line per gap, `Interface.prop: what is missing`.
 */
export function tsdocGaps(entry: string): string[] {
  const program = ts.createProgram([entry], { strict: true, noEmit: true, types: [] });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;

  const gaps: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    // TypeScript's symbol flags are a bit set; `export { X } from` gives an alias.
    // eslint-disable-next-line no-bitwise
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!/(Props|Options)$/.test(symbol.name)) continue;
    for (const declaration of symbol.declarations ?? []) {
      if (!ts.isInterfaceDeclaration(declaration)) continue;
      for (const member of declaration.members) {
        if (!ts.isPropertySignature(member)) continue;
        const name = `${symbol.name}.${member.name.getText()}`;
        gaps.push(...propertyGaps(member).map((gap) => `${name}: ${gap}`));
      }
    }
  }
  return gaps;
}

function propertyGaps(member: ts.PropertySignature): string[] {
  const docs = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc);
  const summary = docs.map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '').join('').trim();
  const tags = ts.getJSDocTags(member);
  const tagText = (tag: ts.JSDocTag) => (ts.getTextOfJSDocComment(tag.comment) ?? '').trim();
  const gaps: string[] = [];
  if (summary === '') gaps.push('no summary');
  // The tag's source text: TypeScript parses `@see https://…` as a name reference `https` and a comment `://…`.
  if (!tags.some((tag) => tag.tagName.text === 'see' && /https?:\/\/\S+/.test(tag.getText()))) gaps.push('no @see link');
  if (member.questionToken && !tags.some((tag) => tag.tagName.text === 'default' && tagText(tag) !== '')) gaps.push('no @default');
  return gaps;
}
