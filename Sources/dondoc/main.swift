import Jobs
print("dondoc")
