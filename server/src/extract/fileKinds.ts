// Which files hold image references (SPEC §4), as plain data: the one list that file-type
// detection (detect.ts), the VS Code client's document selector and pin-all search, and the
// generated parts of package.json (activation events, grammar injection targets) all derive from.
// Plain data on purpose: the client bundles this file, so it imports nothing but a type.
import type { ReferenceSource } from '../model/reference.js';

export interface FileKind {
  source: ReferenceSource;
  /**
   * File names, as globs over the last path segments, matched at any depth: `*` is any run of
   * characters within one segment, `{a,b}` is either. `.github/workflows/*.yml` needs those two
   * folders right above the file.
   */
  names: readonly string[];
  /** the names match in any letter case (Dockerfile, dockerfile, DOCKERFILE) */
  anyCase?: boolean;
  /** names that look like one of `names` but are not of this kind */
  except?: readonly string[];
  /** the name alone is not enough: the content decides too (see detect.ts) */
  confirmByContent?: boolean;
  /** VS Code language ids that other extensions give such files (the client selects them too) */
  languages?: readonly string[];
  /** the injection grammar (syntaxes/) that scopes image names in these files, and the TextMate
   * scopes it is injected into */
  grammar?: { injection: 'dockerfile' | 'yaml'; scopes: readonly string[] };
}

const YAML = '{yml,yaml}';
const YAML_GRAMMAR = { injection: 'yaml', scopes: ['source.yaml'] } as const;

/**
 * In order of precedence: a file takes the first kind whose names match, so folder-based kinds
 * (a `.github/workflows/values.yml` is a workflow) come before names that match anywhere.
 */
export const FILE_KINDS: readonly FileKind[] = [
  {
    source: 'github-actions',
    names: [
      `.github/workflows/*.${YAML}`,
      `.gitea/workflows/*.${YAML}`,
      `.forgejo/workflows/*.${YAML}`,
      `action.${YAML}`,
    ],
    languages: ['github-actions-workflow'],
    grammar: YAML_GRAMMAR,
  },
  { source: 'circleci', names: [`.circleci/config.${YAML}`], grammar: YAML_GRAMMAR },
  {
    source: 'azure-pipelines',
    names: [`.azure-pipelines/*.${YAML}`, `azure-pipelines*.${YAML}`],
    languages: ['azure-pipelines'],
    grammar: YAML_GRAMMAR,
  },
  { source: 'drone', names: [`.woodpecker/*.${YAML}`, `.drone.${YAML}`, `.woodpecker.${YAML}`], grammar: YAML_GRAMMAR },
  // files that `include: local:` names are gitlab-ci too, whatever their name (gitlabIncludes.ts)
  { source: 'gitlab-ci', names: [`.gitlab-ci.${YAML}`, `*.gitlab-ci.${YAML}`], grammar: YAML_GRAMMAR },
  { source: 'bitbucket-pipelines', names: [`bitbucket-pipelines.${YAML}`], grammar: YAML_GRAMMAR },
  { source: 'cloudbuild', names: [`cloudbuild.{yml,yaml,json}`], grammar: YAML_GRAMMAR },
  // `.devcontainer/<name>/devcontainer.json` is a devcontainer.json at some depth
  { source: 'devcontainer', names: ['devcontainer.json', '.devcontainer.json'] },
  { source: 'kustomize', names: [`kustomization.${YAML}`, 'Kustomization'], grammar: YAML_GRAMMAR },
  {
    source: 'dockerfile',
    names: [
      'Dockerfile',
      'Containerfile',
      '*.Dockerfile',
      '*.Containerfile',
      'Dockerfile.*',
      'Dockerfile-*',
      'Containerfile.*',
      'Containerfile-*',
    ],
    anyCase: true,
    except: ['*.dockerignore'],
    languages: ['dockerfile', 'containerfile'],
    grammar: { injection: 'dockerfile', scopes: ['source.dockerfile'] },
  },
  // as Docker Compose and Helm read them: in this case only
  {
    source: 'compose',
    names: [`compose*.${YAML}`, `docker-compose*.${YAML}`],
    languages: ['dockercompose'],
    grammar: YAML_GRAMMAR,
  },
  { source: 'helm-values', names: [`values*.${YAML}`], grammar: YAML_GRAMMAR },
  // Podman quadlet units: `.image` and `.volume` are common extensions, so the unit's section decides
  { source: 'quadlet', names: ['*.container', '*.image', '*.volume'], confirmByContent: true },
];

/**
 * Files that no name marks but whose content may (SPEC §4: a Kubernetes manifest by content). Their
 * languages are selected as a whole but are too broad to start the extension for.
 */
export const CONTENT_KINDS: readonly FileKind[] = [
  { source: 'kubernetes', names: [`*.${YAML}`], languages: ['yaml'], grammar: YAML_GRAMMAR },
];
