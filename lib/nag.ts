import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag names each wildcard finding after the resource as it appears in the
 * template, with references flattened (`<Logical.Arn>/index/*`). This mirrors
 * cdk-nag's own flattening (utils/flatten-cfn-reference, not exported) so an
 * acknowledgement names exactly one resource instead of the whole rule; the
 * cdk-nag test fails if the two ever disagree.
 */
const flatten = (node: unknown): string => {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const n = node as Record<string, unknown>;
  if (n['Fn::Join']) {
    const [delimiter, items] = n['Fn::Join'] as [string, unknown[]];
    return items.map(flatten).join(delimiter);
  }
  if (n['Fn::Sub']) return flatten(n['Fn::Sub']);
  if (n['Fn::GetAtt']) {
    const [resource, attribute] = n['Fn::GetAtt'] as [unknown, unknown];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (n['Fn::ImportValue']) return flatten(n['Fn::ImportValue']);
  if (n.Ref) return `<${flatten(n.Ref)}>`;
  return JSON.stringify(node);
};

const finding = (scope: IConstruct, value: string) => flatten(Stack.of(scope).resolve(value));

/** Acknowledges AwsSolutions-IAM5 for one wildcard resource in the policies under `scope`. */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${finding(scope, resource)}]`, reason });
}

/** Acknowledges AwsSolutions-IAM4 for one AWS managed policy attached under `scope`. */
export function acknowledgeManagedPolicy(scope: IConstruct, policyArn: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM4[Policy::${finding(scope, policyArn)}]`, reason });
}

/** Acknowledges a whole AwsSolutions rule on `scope` and everything under it. */
export function acknowledgeRule(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${rule}`, reason });
}
