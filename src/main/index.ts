console.log("electron placeholder");
