import { describeTransformFixtures, transformShard } from './fixture-cases.ts';

describeTransformFixtures(transformShard(3, 4));
