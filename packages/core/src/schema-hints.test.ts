import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findFieldBelow, findFieldElsewhere } from './schema-hints.js';
import { builtinKindReference, dereference, registerSchemaModule, type ObjectNode } from './schema-store.js';

describe('where a misplaced field belongs', () => {
  it('finds a field one or two object levels down, the nearest first', () => {
    const deploymentSpec = dereference('apps/v1#DeploymentSpec') as ObjectNode;
    assert.equal(findFieldBelow(deploymentSpec, 'containers'), 'template.spec');
    assert.equal(findFieldBelow(deploymentSpec, 'matchLabels'), 'selector');
    assert.equal(findFieldBelow(deploymentSpec, 'replicas'), undefined);
    // Asked again, from the index built on the first question.
    assert.equal(findFieldBelow(deploymentSpec, 'containers'), 'template.spec');
    // Only fields the schema has: not what every JS object inherits.
    assert.equal(findFieldBelow(deploymentSpec, 'toString'), undefined);
  });

  it('finds a related type elsewhere in the object, or an ancestor', () => {
    const deployment = builtinKindReference('apps/v1', 'Deployment')!;
    assert.deepEqual(findFieldElsewhere(deployment, 'privileged', ['spec', 'template', 'spec', 'securityContext'], 'PodSecurityContext'), {
      path: 'spec.template.spec.containers[].securityContext',
      typeName: 'SecurityContext',
    });
    assert.deepEqual(findFieldElsewhere(deployment, 'replicas', ['spec', 'template', 'spec'], 'PodSpec'), { path: 'spec', typeName: 'DeploymentSpec' });
    // Common names say nothing; a field of an unrelated type far away is not offered.
    assert.equal(findFieldElsewhere(deployment, 'name', ['spec'], 'DeploymentSpec'), undefined);
    assert.equal(findFieldElsewhere(deployment, 'toString', ['spec'], 'DeploymentSpec'), undefined);
  });

  it('sees a module registered again (a CRD edited in the editor) instead of its first index', () => {
    const defs = (place: string) => ({
      Root: { o: { spec: 'hints.test/v1#Spec' } },
      Spec: { o: { pod: 'hints.test/v1#PodThing', [place]: 'hints.test/v1#Thing' } },
      PodThing: { o: {} },
      Thing: { o: { x: 's' } },
    });
    registerSchemaModule('hints.test/v1', defs('thing'));
    assert.deepEqual(findFieldElsewhere('hints.test/v1#Root', 'x', ['spec', 'pod'], 'PodThing'), { path: 'spec.thing', typeName: 'Thing' });
    registerSchemaModule('hints.test/v1', defs('renamed'));
    assert.deepEqual(findFieldElsewhere('hints.test/v1#Root', 'x', ['spec', 'pod'], 'PodThing'), { path: 'spec.renamed', typeName: 'Thing' });
  });
});
