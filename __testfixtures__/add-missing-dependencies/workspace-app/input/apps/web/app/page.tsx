import { motion } from 'framer-motion';
import { nanoid } from 'nanoid';
import { Button } from '@acme/ui';

export default function Page() {
  return <motion.div id={nanoid()}><Button /></motion.div>;
}
