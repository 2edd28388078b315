package io.faultline.report;

/** The report's inline script and style: the windowed timeline and anomaly links. No network. */
final class ReportScript {
    private ReportScript() {
    }

    static final String CSS = """
            body{font:14px system-ui,-apple-system,sans-serif;margin:1.5em 2em;color:#222;max-width:1300px}
            h1{margin:.2em 0}h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            table{border-collapse:collapse;margin:.4em 0}td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
            th{background:#f6f6f6}.num{text-align:right;font-variant-numeric:tabular-nums}
            .valid{color:#17702a;font-weight:600}.invalid{color:#b00020;font-weight:600}.unknown,.unchecked{color:#8a6d00;font-weight:600}
            .badge{display:inline-block;padding:.1em .5em;border-radius:.3em;color:#fff}.badge.valid{background:#17702a}
            .badge.invalid{background:#b00020}.badge.unknown,.badge.unchecked{background:#b58900}
            svg text{font:11px system-ui,sans-serif;fill:#333}svg .ptitle{font-weight:600;font-size:13px}
            svg .grid{stroke:#eee}svg .tick{stroke:#666}svg .frame{fill:none;stroke:#999}svg .flabel{font-size:10px;fill:#555}
            .plots img{display:none}.anomaly{margin:.6em 0;padding:.5em .8em;border-left:4px solid #b00020;background:#fff5f6}
            .anomaly pre{white-space:pre-wrap;margin:.3em 0;font:12px ui-monospace,monospace}
            #timeline-controls button{margin-right:.3em}#timeline-wrap{overflow-x:auto;border:1px solid #ddd}
            #timeline rect.op{stroke:#fff;stroke-width:.5;cursor:pointer}#timeline rect.ok{fill:#1f77b4}
            #timeline rect.fail{fill:#d62728}#timeline rect.info{fill:#ff7f0e}#timeline rect.sel{stroke:#000;stroke-width:2.5}
            #op-detail{font:12px ui-monospace,monospace;white-space:pre-wrap;background:#f6f6f6;padding:.5em;min-height:1.5em}
            a.anomaly-op{font:12px ui-monospace,monospace;margin-right:.3em}
            """;

    static final String JS = """
            (function(){
            const D=JSON.parse(document.getElementById('timeline-data').textContent);
            const OUT=['ok','fail','info'];
            const LANE=16,TOP=24,LEFT=70,W=1150;
            let start=0,width=Math.min(D.dur,Math.max(2000,D.dur/12)),sel=-1;
            function laneOf(o){return o[0];}
            function fmt(ms){return (ms/1000).toFixed(3)+' s';}
            function render(){
              const end=start+width,h=TOP+D.lanes*LANE+20;
              const x=t=>LEFT+(W-LEFT-10)*Math.max(0,Math.min(1,(t-start)/width));
              const p=[];
              p.push('<svg id="timeline-svg" width="'+W+'" height="'+h+'" viewBox="0 0 '+W+' '+h+'">');
              for(const f of D.faults){
                if(f[3]<start||f[2]>end)continue;
                const x0=x(f[2]),x1=x(f[3]);
                p.push('<g class="tfault"><rect x="'+x0+'" y="'+(TOP-14)+'" width="'+Math.max(1,x1-x0)+'" height="'+(D.lanes*LANE+14)+'" fill="'+f[4]+'" fill-opacity="0.22"><title>'+esc(f[1])+'</title></rect><text x="'+(x0+2)+'" y="'+(TOP-4)+'">'+esc(f[0])+'</text></g>');
              }
              for(let l=0;l<D.lanes;l++){p.push('<text x="4" y="'+(TOP+l*LANE+11)+'">'+esc(D.laneNames[l])+'</text>');}
              let shown=0;
              for(let i=0;i<D.ops.length;i++){
                const o=D.ops[i],t1=o[3]<0?D.dur:o[3];
                if(t1<start||o[2]>end)continue;
                shown++;
                const x0=x(o[2]),x1=x(t1);
                p.push('<rect class="op '+OUT[o[4]]+(i===sel?' sel':'')+'" data-i="'+i+'" data-op="'+o[8]+'" x="'+x0+'" y="'+(TOP+laneOf(o)*LANE+1)+'" width="'+Math.max(2,x1-x0)+'" height="'+(LANE-3)+'"><title>'+esc(label(o))+'</title></rect>');
              }
              const ticks=5;
              for(let k=0;k<=ticks;k++){const t=start+width*k/ticks;p.push('<text x="'+x(t)+'" y="'+(h-4)+'" text-anchor="middle">'+fmt(t)+'</text>');}
              p.push('</svg>');
              document.getElementById('timeline').innerHTML=p.join('');
              document.getElementById('timeline-range').textContent=fmt(start)+' – '+fmt(end)+' of '+fmt(D.dur)+', '+shown+' operations in view';
            }
            function label(o){return 'process '+o[1]+' '+D.fs[o[5]]+(o[6]!==null?' '+o[6]:'')+' '+o[7]+' → '+OUT[o[4]]+(o[10]?' ('+o[10]+')':'')+'\\nindex '+o[8]+(o[9]>=0?'..'+o[9]:' (no completion)')+', '+fmt(o[2])+' → '+(o[3]<0?'?':fmt(o[3]))+(o[11]?' node '+o[11]:'');}
            function esc(s){return String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));}
            function clamp(){start=Math.max(0,Math.min(start,Math.max(0,D.dur-width)));}
            function select(i){
              sel=i;const o=D.ops[i];
              start=(o[2]+(o[3]<0?D.dur:o[3]))/2-width/2;clamp();render();
              document.getElementById('op-detail').textContent=label(o);
            }
            window.faultlineShowOp=function(idx){
              for(let i=0;i<D.ops.length;i++){const o=D.ops[i];if(o[8]===idx||o[9]===idx){select(i);document.getElementById('timeline-section').scrollIntoView();return false;}}
              const f=D.faults.find(f=>f[5]===idx);
              if(f){start=f[2]-width/4;clamp();render();document.getElementById('op-detail').textContent='fault '+f[1];document.getElementById('timeline-section').scrollIntoView();return false;}
              document.getElementById('op-detail').textContent='history index '+idx+' is not a client operation in this timeline';
              return false;
            };
            document.getElementById('timeline').addEventListener('click',e=>{const i=e.target.getAttribute&&e.target.getAttribute('data-i');if(i!==null&&i!==undefined)select(+i);});
            const act={prev:()=>{start-=width*0.8;},next:()=>{start+=width*0.8;},zin:()=>{start+=width/4;width=Math.max(10,width/2);},zout:()=>{start-=width/2;width=Math.min(D.dur,width*2);},all:()=>{start=0;width=D.dur;}};
            for(const k in act){document.getElementById('tl-'+k).addEventListener('click',()=>{act[k]();clamp();render();});}
            document.getElementById('tl-go').addEventListener('submit',e=>{e.preventDefault();window.faultlineShowOp(+document.getElementById('tl-index').value);});
            // anomaly links are plain #op-N anchors, so they also work when opened in a new tab or shared
            function fromHash(){const m=/^#op-(\\d+)$/.exec(location.hash);if(m)window.faultlineShowOp(+m[1]);}
            window.addEventListener('hashchange',fromHash);
            document.querySelectorAll('a.anomaly-op').forEach(a=>a.addEventListener('click',()=>window.faultlineShowOp(+a.getAttribute('data-op'))));
            render();
            fromHash();
            document.body.setAttribute('data-timeline','ready');
            })();
            """;
}
