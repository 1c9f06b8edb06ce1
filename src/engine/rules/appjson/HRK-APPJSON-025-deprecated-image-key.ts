import { jsonRemoveEdit } from '../../edits';
import { defineRule } from '../../rule';
import { jsonProperties } from '../../sites';

export default defineRule<null>({
  meta: {
    id: 'HRK-APPJSON-025',
    name: 'deprecated-image-key',
    title: 'Deprecated `image` key',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'info', private: 'info', shield: 'info' },
    status: 'C',
    preview: false,
    fix: 'safe',
    summary: 'The app.json `image` key is deprecated and ignored.',
    recommendation: 'Delete the `image` member; choose the stack with `stack` instead.',
    controls: [],
    sources: ['DC-APPJSON'],
    feature: 'Heroku Flow',
    tags: ['app.json', 'hygiene'],
  },
  *check({ document }) {
    const root = document.appJson?.root;
    for (const property of root?.type === 'object' ? jsonProperties(root) : []) {
      if (property.key === 'image') yield { start: property.keyNode.offset, end: property.keyNode.offset + property.keyNode.length, data: null };
    }
  },
  message: () => 'The `image` key is deprecated; Heroku ignores it.',
  fix: (_detection, { document }) => {
    const edit = jsonRemoveEdit(document, ['image']);
    return edit && { title: 'Delete the `image` member', safety: 'safe', edits: [edit] };
  },
});
