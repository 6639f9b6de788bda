// Filters the list of respondents on index.html by type, VRIND class and id (or name). Without this script
// the page shows the whole list, grouped; the form stays hidden.
const form = document.querySelector(".filters");
if (form) {
  const type = form.querySelector("#filter-type");
  const vrind = form.querySelector("#filter-class");
  const id = form.querySelector("#filter-id");
  const count = form.querySelector(".filter-count");
  const update = () => {
    const query = id.value.trim().toUpperCase();
    let shown = 0;
    for (const group of document.querySelectorAll(".type-group")) {
      let inType = 0;
      for (const classGroup of group.querySelectorAll(".class-group")) {
        let inClass = 0;
        for (const item of classGroup.querySelectorAll("li[data-search]")) {
          const match =
            (!type.value || group.dataset.type === type.value) &&
            (!vrind.value || classGroup.dataset.class === vrind.value) &&
            item.dataset.search.includes(query);
          item.hidden = !match;
          if (match) inClass++;
        }
        classGroup.hidden = inClass === 0;
        inType += inClass;
      }
      group.hidden = inType === 0;
      shown += inType;
    }
    count.textContent = shown === 1 ? "1 bestuur" : `${shown} besturen`;
  };
  form.addEventListener("input", update);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  update();
}
