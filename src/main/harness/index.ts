console.log("harness placeholder");
