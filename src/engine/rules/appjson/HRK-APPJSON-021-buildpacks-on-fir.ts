import { defineRule } from '../../rule';
import { appJsonScopes, jsonProperties } from '../../sites';

interface Data {
  readonly label: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-021',
    name: 'buildpacks-on-fir',
    title: '`buildpacks` set for a Fir app',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'info', private: 'info', shield: 'info' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'The app.json `buildpacks` key applies only to Cedar; Fir apps declare buildpacks in `project.toml`.',
    recommendation: 'Declare the buildpacks of a Fir app in `project.toml` and remove `buildpacks` from app.json.',
    controls: [],
    sources: ['DC-APPJSON'],
    feature: 'Fir gaps',
    tags: ['app.json', 'buildpacks', 'fir'],
  },
  *check({ document, generation }) {
    const parsed = document.appJson;
    if (generation !== 'fir' || !parsed) return;
    for (const scope of appJsonScopes(parsed)) {
      for (const property of jsonProperties(scope.node)) {
        if (property.key !== 'buildpacks') continue;
        const label = scope.environment !== undefined ? `environments.${scope.environment}.buildpacks` : 'buildpacks';
        yield { start: property.keyNode.offset, end: property.keyNode.offset + property.keyNode.length, data: { label } };
      }
    }
  },
  message: ({ label }) => `\`${label}\` applies only to Cedar apps; this Fir app builds with the buildpacks in \`project.toml\`.`,
});
