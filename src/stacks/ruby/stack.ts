import { STACK_DATABASES, STACK_LABELS } from '../capabilities.js';
import { PRIVATE_NETWORKS } from '../../model/deployment.js';
import type { StackDescriptor } from '../types.js';
import { rubyEntityView, rubyView } from './view.js';

/**
 * RubyGems cannot be reached from every machine (create-backend's own CI installs Debian's gem packages):
 * with CREATE_BACKEND_BUNDLE_LOCAL set, the install resolves against the installed gems only.
 */
const bundleInstallArgs = (): string[] => (process.env.CREATE_BACKEND_BUNDLE_LOCAL ? ['install', '--local'] : ['install']);

export const rubyStack: StackDescriptor = {
  id: 'ruby',
  label: STACK_LABELS.ruby,
  databases: STACK_DATABASES.ruby,
  packs: ['ruby'],
  extendView: rubyView,
  extendEntityView: (entity) => rubyEntityView(entity),
  commands: () => ({
    install: 'bundle install',
    migrate: 'bundle exec rake db:migrate',
    start: 'bundle exec puma -C config/puma.rb',
    test: 'bundle exec rspec',
    lint: 'bundle exec rubocop',
  }),
  readsDotEnv: true,
  container: {
    start: ['bundle', 'exec', 'puma', '-C', 'config/puma.rb'],
    migrate: ['bundle', 'exec', 'rake', 'db:migrate'],
    uid: 10001,
    urlEncodePassword: `ruby -rerb -e 'print ERB::Util.url_encode(ENV.fetch("DB_PASSWORD"))'`,
    env: { RACK_ENV: 'production', TRUSTED_PROXIES: PRIVATE_NETWORKS },
  },
  installCommands: () => [{ file: 'bundle', args: bundleInstallArgs(), missingHint: 'install Ruby 3.1 or newer with Bundler (https://www.ruby-lang.org/en/downloads/)' }],
};
