import { describeTransformFixtures, transformShard } from './fixture-cases.ts';

describeTransformFixtures(transformShard(1, 4));
