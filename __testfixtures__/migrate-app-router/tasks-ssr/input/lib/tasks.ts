export interface Task {
  id: string;
  title: string;
  done: boolean;
}

const tasks = new Map<string, Task>([
  ['1', { id: '1', title: 'Write the launch post', done: false }],
  ['2', { id: '2', title: 'Check the billing page', done: true }],
]);

export async function listTasks(): Promise<Task[]> {
  return [...tasks.values()];
}

export async function getTask(id: string): Promise<Task | null> {
  return tasks.get(id) ?? null;
}

export async function saveTask(task: Task): Promise<Task> {
  tasks.set(task.id, task);
  return task;
}

export async function deleteTask(id: string): Promise<void> {
  tasks.delete(id);
}
