import { describeTransformFixtures, transformShard } from './fixture-cases.ts';

describeTransformFixtures(transformShard(0, 4));
