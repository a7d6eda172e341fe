console.log(process.env.DATABASE_URL)
