// opencc-js ships its per-locale dictionary groups as untyped ES modules.
declare module 'opencc-js/*' {
  const dictGroups: import('opencc-js/core').DictGroup[];
  export default dictGroups;
}
