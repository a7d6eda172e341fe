export const allPosts = [{ slug: "hello", title: "Hello" }]
