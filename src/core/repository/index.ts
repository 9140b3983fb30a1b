// Resolution of references against the repository: pure, over the host.
export { changedNames, isAffected, referenceDependencies, type ReferenceDependencies } from './changes';
export { MAX_LISTED_PATH, RepositoryFiles } from './files';
export { declaredNames, languageOf } from './declarations';
export { MAX_SEARCHED_BYTES, ResolutionCache, resolveReferences } from './resolve';
export { walkRepository } from './walk';
