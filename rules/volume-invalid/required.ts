// volume-invalid's checks of the fields that say which storage a volume is (the claim, the host path, the NFS
// export, the repository, the CSI driver, the image): the server requires them, so an explicit "" fails
// where an omission (which the schema check reports) would too. Only explicit strings are read here.
import { getIn, isPlainObject, type Path, type RuleContext } from '@podlint/core';
import { subdomainProblems } from '../label-selector-utils.js';
import { descendingPathProblems, type PathProblem } from '../volume-path-utils.js';

export type RequiredMessageId = 'volumeNameEmpty' | 'sourceFieldEmpty' | 'imageReferenceMissing' | 'gitDirectory' | 'csiDriverName';

/** The server's CSI driver names: at most 63 characters, lower-cased a DNS-1123 subdomain (ValidateCSIDriverName). */
const CSI_DRIVER_MAX_LENGTH = 63;

/** Per source, the fields the server requires (as a path inside the source) and what each one names. */
const REQUIRED_FIELDS: ReadonlyArray<readonly [source: string, field: readonly string[], names: string]> = [
  ['persistentVolumeClaim', ['claimName'], 'the PersistentVolumeClaim to mount'],
  ['hostPath', ['path'], 'the path on the node'],
  ['nfs', ['server'], 'the host name or IP of the NFS server'],
  ['nfs', ['path'], 'the exported path on the NFS server'],
  ['gitRepo', ['repository'], 'the repository to clone'],
  ['csi', ['driver'], 'the CSI driver that provides the volume'],
  ['csi', ['nodePublishSecretRef', 'name'], 'the Secret passed to the driver (or drop nodePublishSecretRef)'],
];

const PATH_PROBLEMS: Readonly<Record<PathProblem, string>> = { absolute: 'is absolute', backstep: 'contains ".."', reserved: 'starts with ".."' };

export function checkRequiredFields(context: RuleContext<RequiredMessageId>, volume: Record<string, unknown>, path: Path, isPod: boolean): void {
  const name = typeof volume.name === 'string' ? volume.name : '';
  if (volume.name === '') context.report({ path: [...path, 'name'], messageId: 'volumeNameEmpty' });
  for (const [source, field, names] of REQUIRED_FIELDS) {
    if (getIn(volume, [source, ...field]) === '') context.report({ path: [...path, source, ...field], messageId: 'sourceFieldEmpty', data: { name, field: [source, ...field].join('.'), names } });
  }
  const { gitRepo, csi, image } = volume;
  if (isPlainObject(gitRepo) && typeof gitRepo.directory === 'string') {
    const problems = descendingPathProblems(gitRepo.directory).map((problem) => PATH_PROBLEMS[problem]);
    if (problems.length > 0) context.report({ path: [...path, 'gitRepo', 'directory'], messageId: 'gitDirectory', data: { name, directory: gitRepo.directory, problems: problems.join(' and ') } });
  }
  if (isPlainObject(csi) && typeof csi.driver === 'string' && csi.driver !== '') {
    const tooLong = csi.driver.length > CSI_DRIVER_MAX_LENGTH ? [`must be no more than ${CSI_DRIVER_MAX_LENGTH} characters`] : [];
    const problems = [...tooLong, subdomainProblems(csi.driver.toLowerCase())].filter((problem) => problem !== '').join('; ');
    if (problems) context.report({ path: [...path, 'csi', 'driver'], messageId: 'csiDriverName', data: { driver: csi.driver, problems } });
  }
  // An image volume's reference is required of Pods only (a controller's template may leave it to be filled in).
  if (isPod && isPlainObject(image) && (image.reference === undefined || image.reference === null || image.reference === '')) {
    const reportPath = image.reference === '' ? [...path, 'image', 'reference'] : [...path, 'image'];
    context.report({ path: reportPath, at: image.reference === '' ? 'value' : 'key', messageId: 'imageReferenceMissing', data: { name } });
  }
}
