import EnterCode from '@/components/entercode'

export default function Enter() {
  return <EnterCode phone="" />
}
